package dev.migrationledger.service.projection;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationledger.ledger.api.ChangeEnvironmentPolicy;
import dev.migrationledger.ledger.api.CorrectMigration;
import dev.migrationledger.ledger.api.RecordBaseline;
import dev.migrationledger.ledger.api.RecordRollback;
import dev.migrationledger.ledger.domain.CommandRejectedException;
import dev.migrationledger.ledger.api.PolicyPatch;
import dev.migrationledger.ledger.domain.ExecutionStatus;
import dev.migrationledger.ledger.domain.ReasonCode;
import dev.migrationledger.ledger.domain.Tool;
import dev.migrationledger.service.eventstore.Fixtures;
import dev.migrationledger.service.projection.environmentstate.EnvironmentStateProjection;
import dev.migrationledger.service.projection.timeline.MigrationTimelineProjection;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class ProjectionRebuildIntegrationTest extends ReadApiIntegrationTest {

    private static final List<String> TABLES = List.of("projection_project", "projection_migration",
            "projection_applied", "projection_failed", "projection_drift", "projection_timeline", "projection_timeline_event",
            "compliance_migration",
            "compliance_approval", "compliance_backup", "compliance_authorization", "compliance_execution",
            "compliance_drift", "projection_script_version", "projection_script_text");

    @Autowired
    ProjectionProgress progress;
    @Autowired
    ProjectionRebuild rebuild;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    TokenStore tokenStore;
    @Autowired
    TransactionTemplate transactions;

    /** Every row of every read-model table, in a fixed order. */
    private List<String> dump() {
        return TABLES.stream().flatMap(table -> jdbc.queryForList("SELECT row_to_json(t)::text FROM " + table
                + " t ORDER BY 1", String.class).stream().map(row -> table + " " + row)).toList();
    }

    private void history(String p) {
        commands.sendAndWait(Fixtures.project(p));
        commands.sendAndWait(Fixtures.plan(p, "1", "2", "3", "4"));
        commands.sendAndWait(new ChangeEnvironmentPolicy(p, "staging",
                new PolicyPatch(2, Set.of(), "dev", true, false), "admin"));
        record(p, "dev", applied("d/1", "1", "-- 1", "2026-05-01T10:00:00Z"),
                applied("d/2", "2", "-- 2", "2026-05-01T10:01:00Z"),
                fact("d/3", "3", "-- 3", ExecutionStatus.FAILED, "2026-05-01T10:02:00Z", "lock timeout"));
        commands.sendAndWait(new CorrectMigration(p, "3", "4", "replaced", "alice"));
        commands.sendAndWait(new RecordRollback(p, "dev", "2", "rb/2", "bad index",
                Instant.parse("2026-05-01T12:00:00Z"), Tool.LEDGER, "ci-bot"));
        commands.sendAndWait(new RecordBaseline(p, "prod", List.of(
                new RecordBaseline.BaselineEntry("1", "step 1", Fixtures.checksum("-- 1"),
                        Instant.parse("2025-01-01T00:00:00Z"), "flyway-user", true, Tool.FLYWAY, "h/1"),
                new RecordBaseline.BaselineEntry("2", "step 2", null,
                        Instant.parse("2025-01-02T00:00:00Z"), "flyway-user", false, Tool.FLYWAY, "h/2")), "admin"));
    }

    @Test
    void aRebuiltReadModelEqualsTheOneBuiltLive() {
        history("rebuilt");
        history("rebuilt-too");
        long last = lastIndex("rebuilt-too");
        assertThat(progress.awaitIndex(ProjectionRebuild.REBUILDABLE, last, Duration.ofSeconds(30))).isTrue();
        List<String> live = dump();
        assertThat(live).anyMatch(row -> row.startsWith("projection_failed"))
                .anyMatch(row -> row.startsWith("projection_timeline"));

        // damage both read models, so that only a real truncate-and-replay can restore them
        jdbc.update("DELETE FROM projection_applied WHERE project = 'rebuilt'");
        jdbc.update("UPDATE projection_timeline SET summary = 'tampered' WHERE project = 'rebuilt-too'");
        assertThat(dump()).isNotEqualTo(live);

        for (String name : ProjectionRebuild.REBUILDABLE) {
            ResponseEntity<JsonNode> started = call(HttpMethod.POST, "/projections/" + name + "/rebuild");
            assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
            assertThat(started.getBody().path("name").asText()).isEqualTo(name);
            assertThat(started.getBody().path("status").asText()).isEqualTo("REBUILDING");
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(dump()).isEqualTo(live));
        assertThat(read("rebuilt", "/projects/rebuilt/environments/prod/state").path("currentVersion").asText())
                .isEqualTo("1");
    }

    /**
     * Every read model's token is set back to the start of the stream with its tables kept, as a batch is
     * redelivered after a crash between handling and commit: every event is handled a second time, and
     * the tables end as they were.
     */
    @Test
    void eventsHandledASecondTimeLeaveTheTablesAsTheyWere() {
        history("redelivered");
        long last = lastIndex("redelivered");
        assertThat(progress.awaitIndex(ProjectionRebuild.REBUILDABLE, last, Duration.ofSeconds(30))).isTrue();
        List<String> once = dump();
        String versionsOnce = rowVersions();

        for (String group : ProjectionRebuild.REBUILDABLE) {
            StreamingEventProcessor processor = processing.eventProcessor(group, StreamingEventProcessor.class)
                    .orElseThrow();
            processor.shutDown();
            try {
                transactions.executeWithoutResult(tx -> {
                    tokenStore.storeToken(null, group, 0);
                    tokenStore.releaseClaim(group, 0);
                });
            } finally {
                processor.start();
            }
        }

        assertThat(progress.awaitIndex(ProjectionRebuild.REBUILDABLE, last, Duration.ofSeconds(30))).isTrue();
        assertThat(rowVersions()).as("the events were handled again").isNotEqualTo(versionsOnce);
        assertThat(dump()).isEqualTo(once);
    }

    /** The transactions that last wrote the planned migrations' rows (an upsert writes a new row version). */
    private String rowVersions() {
        return jdbc.queryForObject("SELECT string_agg(xmin::text, ',' ORDER BY project, version) FROM projection_migration",
                String.class);
    }

    @Test
    void onlyReadModelsCanBeRebuilt() {
        assertThat(ProjectionRebuild.REBUILDABLE)
                .containsExactly(EnvironmentStateProjection.GROUP, MigrationTimelineProjection.GROUP,
                        dev.migrationledger.service.projection.compliance.ComplianceProjection.GROUP,
                        dev.migrationledger.service.projection.scripts.ScriptProjection.GROUP);
        assertThatThrownBy(() -> rebuild.rebuild("merkle-log")).isInstanceOfSatisfying(CommandRejectedException.class,
                e -> assertThat(e.hasCode(ReasonCode.INVALID_INPUT)).isTrue());
    }
}
