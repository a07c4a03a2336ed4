package dev.migrationledger.service.eventstore;

import dev.migrationledger.ledger.api.AuthorizationResult;
import dev.migrationledger.ledger.api.AuthorizeExecution;
import dev.migrationledger.ledger.api.ExecutionFact;
import dev.migrationledger.ledger.api.FactResult;
import dev.migrationledger.ledger.api.RecordExecutions;
import dev.migrationledger.ledger.api.VerifyBackup;
import dev.migrationledger.ledger.domain.ExecutionStatus;
import dev.migrationledger.ledger.domain.ReasonCode;
import dev.migrationledger.ledger.domain.Tool;
import dev.migrationledger.ledger.testing.TestPostgres;
import dev.migrationledger.service.LedgerApplication;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The aggregate's state lives only in stored events (and snapshots of them): a new application on
 * the same database must judge exactly as the old one did.
 */
class RestartIntegrationTest {

    private final TestPostgres.Database db = TestPostgres.freshDatabase("restart");
    private final java.nio.file.Path home = dev.migrationledger.service.LedgerIntegrationTest.home("restart");

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(LedgerApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=" + db.user(),
                "--spring.datasource.password=" + db.password(),
                "--ledger.snapshot-threshold=5",
                "--ledger.home=" + home);
    }

    private static ExecutionFact fact(String executionId, String version, ExecutionStatus status) {
        Instant now = Instant.parse("2026-05-01T10:00:00Z");
        return new ExecutionFact(executionId, version, Fixtures.checksum("-- " + version), status, now, now,
                status == ExecutionStatus.FAILED ? "boom" : null, "abc123", null, Tool.LEDGER, null);
    }

    @Test
    void stateIsRebuiltFromEventsAndFromSnapshotsAfterRestart() {
        List<FactResult> first;
        try (ConfigurableApplicationContext app = start()) {
            CommandGateway commands = app.getBean(CommandGateway.class);
            commands.sendAndWait(Fixtures.project("restart"));
            commands.sendAndWait(Fixtures.plan("restart", "1", "2", "3"));
            for (int i = 0; i < 6; i++) {
                commands.sendAndWait(new VerifyBackup("restart", "dev", "b" + i, "s3://b/" + i,
                        Instant.parse("2026-05-01T09:00:00Z"), 1, true, "dba"));
            }
            first = commands.sendAndWait(new RecordExecutions("restart", "dev",
                    List.of(fact("run-1/1", "1", ExecutionStatus.APPLIED), fact("run-1/2", "2", ExecutionStatus.FAILED)),
                    "ci-bot"));
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                    "SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = 'restart'", Long.class) > 0);
            assertThat(jdbc.queryForObject("SELECT substring(payload from 1 for 3) FROM snapshot_event_entry"
                    + " WHERE aggregate_identifier = 'restart'", byte[].class))
                    .as("a Smile document's header, ':)' and a newline").containsExactly(':', ')', '\n');
        }

        try (ConfigurableApplicationContext app = start()) {
            assertRemembers(app.getBean(CommandGateway.class), first, "run-2");
            // snapshots are a cache: without them the events alone must give the same answers
            app.getBean(JdbcTemplate.class).update("DELETE FROM snapshot_event_entry");
        }

        try (ConfigurableApplicationContext app = start()) {
            assertRemembers(app.getBean(CommandGateway.class), first, "run-3");
        }
    }

    private static void assertRemembers(CommandGateway commands, List<FactResult> first, String runId) {
        List<FactResult> replay = commands.sendAndWait(new RecordExecutions("restart", "dev",
                List.of(fact("run-1/1", "1", ExecutionStatus.APPLIED)), "ci-bot"));
        assertThat(replay).singleElement().satisfies(r -> {
            assertThat(r.replayed()).isTrue();
            assertThat(r.violations()).isEqualTo(first.get(0).violations());
        });
        AuthorizationResult blocked = commands.sendAndWait(
                new AuthorizeExecution("restart", "dev", runId, List.of("3"), null, null, "ci-bot"));
        assertThat(blocked.denied()).singleElement().satisfies(d -> assertThat(d.reasons())
                .extracting(r -> r.code()).contains(ReasonCode.BLOCKED_BY_FAILURE, ReasonCode.OUT_OF_ORDER));
    }
}
