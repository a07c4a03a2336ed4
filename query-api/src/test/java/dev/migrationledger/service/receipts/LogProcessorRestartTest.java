package dev.migrationledger.service.receipts;

import dev.migrationledger.ledger.api.EnvironmentDefinition;
import dev.migrationledger.ledger.api.RecordExecutions;
import dev.migrationledger.ledger.api.RegisterProject;
import dev.migrationledger.ledger.testing.TestPostgres;
import dev.migrationledger.service.LedgerApplication;
import dev.migrationledger.service.LedgerIntegrationTest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The application stops while events are being written and the log is being appended; after a restart the log completes, in order. */
class LogProcessorRestartTest {

    private final TestPostgres.Database db = TestPostgres.freshDatabase("log_restart");
    private final java.nio.file.Path home = LedgerIntegrationTest.home("log-restart");

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(LedgerApplication.class).run("--server.port=0",
                "--spring.datasource.url=" + db.url(), "--spring.datasource.username=" + db.user(),
                "--spring.datasource.password=" + db.password(), "--ledger.home=" + home);
    }

    @Test
    void aStopMidStreamLeavesNoHoleAndNoDuplicate() {
        AtomicInteger written = new AtomicInteger();
        try (ConfigurableApplicationContext app = start()) {
            CommandGateway commands = app.getBean(CommandGateway.class);
            commands.sendAndWait(new RegisterProject("restart", List.of(new EnvironmentDefinition("dev", null)), "admin"));
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 1; i <= 400; i++) {
                        commands.sendAndWait(new RecordExecutions("restart", "dev",
                                List.of(LogProcessorConcurrencyTest.fact("run-" + i, String.valueOf(i))), "ci-bot"));
                        written.incrementAndGet();
                    }
                } catch (RuntimeException stopped) {
                    // the context closed under the writer: exactly the situation under test
                }
            });
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            await().atMost(Duration.ofSeconds(60)).until(() -> LogOrder.leaves(jdbc) > 20 && written.get() > 30);
            app.close();
            // The writer dies with the context (the driver may even fail an assertion on a closed pool).
            writer.handle((done, stopped) -> null).join();
        }
        try (ConfigurableApplicationContext app = start()) {
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            long events = LogOrder.events(jdbc);
            assertThat(events).isGreaterThan(60);
            await().atMost(Duration.ofSeconds(60)).until(() -> LogOrder.leaves(jdbc) == events);
            LogOrder.assertLeavesFollowEvents(jdbc);
            assertThat(app.getBean(StoreAudit.class).run().ok()).isTrue();
        }
    }
}
