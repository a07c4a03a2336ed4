package dev.migrationledger.service.receipts;

import dev.migrationledger.ledger.api.ExecutionFact;
import dev.migrationledger.ledger.api.RecordExecutions;
import dev.migrationledger.ledger.api.RegisterProject;
import dev.migrationledger.ledger.api.EnvironmentDefinition;
import dev.migrationledger.ledger.domain.Checksum;
import dev.migrationledger.ledger.domain.ExecutionStatus;
import dev.migrationledger.ledger.domain.Tool;
import dev.migrationledger.service.LedgerIntegrationTest;
import dev.migrationledger.service.projection.ProjectionProgress;
import dev.migrationledger.service.projection.timeline.MigrationTimelineProjection;
import dev.migrationledger.service.web.Api;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Many writers at once: the log still holds every event exactly once, in global order, and every fact gets a receipt. */
// A context of its own (fresh database and LEDGER_HOME): Spring would otherwise hand this class a cached
// context of another class, whose data and admin token are not what currentHome points at.
@TestPropertySource(properties = "ledger.test-context=LogProcessorConcurrencyTest")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class LogProcessorConcurrencyTest extends LedgerIntegrationTest {

    static final int THREADS = 4;
    static final int FACTS = 50;

    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ProjectionProgress progress;
    @LocalServerPort
    int port;

    static ExecutionFact fact(String executionId, String version) {
        Instant now = Instant.parse("2026-05-01T10:00:00Z");
        return new ExecutionFact(executionId, version, Checksum.ofScript(("-- " + version).getBytes(StandardCharsets.UTF_8)).hex(),
                ExecutionStatus.APPLIED, now, now, null, "abc123", null, Tool.LEDGER, null);
    }

    @Test
    void fourWritersOnFourProjectsLeaveOneLeafPerEventInGlobalOrder() {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<CompletableFuture<Void>> writers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            String project = "p" + t;
            commands.sendAndWait(new RegisterProject(project, List.of(new EnvironmentDefinition("dev", null)), "admin"));
            writers.add(CompletableFuture.runAsync(() -> {
                for (int i = 1; i <= FACTS; i++) {
                    commands.sendAndWait(new RecordExecutions(project, "dev", List.of(fact(project + "-run-" + i, String.valueOf(i))), "ci-bot"));
                }
            }, pool));
        }
        writers.forEach(CompletableFuture::join);
        pool.shutdown();

        long events = LogOrder.events(jdbc);
        assertThat(events).isGreaterThanOrEqualTo(THREADS * (1 + 2L * FACTS));
        await().atMost(Duration.ofSeconds(60)).until(() -> LogOrder.leaves(jdbc) == events);
        LogOrder.assertEveryEventLoggedOnce(jdbc);

        await().atMost(Duration.ofSeconds(90)).until(() -> jdbc.queryForObject("SELECT count(*) FROM receipt WHERE project IN ('p0', 'p1', 'p2', 'p3')", Long.class)
                == THREADS * (long) FACTS);
        Api.Response audit = Api.admin(port, currentHome).get("/api/v1/log/audit");
        assertThat(audit.body().path("ok").asBoolean()).as(audit.body().toString()).isTrue();
        assertThat(audit.body().path("checked").asLong()).isEqualTo(events);

        // Read models key rows by global index, read off the tokens where they prove it: with writers committing
        // out of order, every timeline event must still sit at the index the store gave it.
        long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        assertThat(progress.awaitIndex(List.of(MigrationTimelineProjection.GROUP), head, Duration.ofSeconds(60))).isTrue();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM projection_timeline_event", Long.class))
                .isGreaterThanOrEqualTo(THREADS * (long) FACTS);
        assertThat(jdbc.queryForList("""
                SELECT t.global_index FROM projection_timeline_event t
                LEFT JOIN domain_event_entry d ON d.global_index = t.global_index
                WHERE d.payload IS NULL OR jsonb_strip_nulls(convert_from(d.payload, 'UTF8')::jsonb) <> jsonb_strip_nulls(t.event)""", Long.class))
                .as("timeline events stored at another event's index").isEmpty();
    }
}
