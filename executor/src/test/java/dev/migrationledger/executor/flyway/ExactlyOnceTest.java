package dev.migrationledger.executor.flyway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationledger.executor.exit.ExitCodes;
import dev.migrationledger.executor.client.FakeLedger;
import dev.migrationledger.executor.client.LedgerClient;
import dev.migrationledger.executor.client.RetryPolicy;
import dev.migrationledger.ledger.testing.TestPostgres;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SPEC §8 exactly-once: facts survive a lost ledger and a dead process, and are re-sent identically. */
class ExactlyOnceTest {

    @TempDir
    Path dir;

    private final FakeLedger ledger = new FakeLedger();

    ExactlyOnceTest() throws IOException {
    }

    @AfterEach
    void stop() {
        ledger.close();
    }

    private MigrationReport migrate(TestPostgres.Database db) throws Exception {
        LedgerClient client = new LedgerClient(ledger.url(), "t", new RetryPolicy(1, Duration.ZERO, Duration.ZERO));
        return new GatedMigration(new GatedMigration.Request("billing", "dev", null, null, null, false),
                MigrationDirectory.read(dir), new TargetDatabase(db.url(), db.user(), db.password()), client,
                new Progress(new PrintWriter(new StringWriter()), false)).run();
    }

    /** The intents run-dead wrote for every script of the directory before it applied them and died. */
    private static void intentsOfADeadRun(TargetDatabase target, MigrationDirectory directory) throws Exception {
        try (Connection c = target.connect()) {
            LedgerOutbox outbox = new LedgerOutbox(c, "public");
            outbox.ensureTable();
            outbox.addIntents("run-dead", "billing", "dev", 0, directory.scripts().stream()
                    .map(s -> new LedgerOutbox.Intent(s.version().key(), s.checksum().hex())).toList(), "sha", null, null);
        }
    }

    @Test
    void factsTheLedgerDidNotAcknowledgeAreResentWithTheSameIdAndContentBeforeAnythingElse() throws Exception {
        Files.writeString(dir.resolve("V1__a.sql"), "CREATE TABLE a (id int);");
        Files.writeString(dir.resolve("V2__b.sql"), "CREATE TABLE b (id int);");
        TestPostgres.Database db = TestPostgres.freshDatabase("once_lost");
        ledger.factsUnavailable = true;

        MigrationReport first = migrate(db);

        assertThat(first.exitCode).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(first.unrecorded).isEqualTo(2);
        List<JsonNode> lostBodies = ledger.requestsTo("/executions").stream().map(FakeLedger.Request::body).toList();
        assertThat(ledger.facts).isEmpty();

        ledger.factsUnavailable = false;
        MigrationReport second = migrate(db);

        assertThat(second.exitCode).as(second.message).isEqualTo(ExitCodes.SUCCESS);
        assertThat(second.message).isEqualTo("nothing to migrate");
        assertThat(ledger.facts).containsOnlyKeys(first.runId + "/1", first.runId + "/2");
        assertThat(ledger.requestsTo("/executions").get(lostBodies.size()).body()).isEqualTo(lostBodies.get(0));
        // The fingerprint was frozen with the fact: the re-send carries the one computed by the first run.
        assertThat(ledger.facts.get(first.runId + "/2").get("schemaFingerprint").asText())
                .isEqualTo(first.schemaFingerprint).hasSize(64);
    }

    @Test
    void aRunThatDiedBetweenApplyAndRecordIsRecordedByTheNextRunUnderItsOwnExecutionId() throws Exception {
        Files.writeString(dir.resolve("V1__a.sql"), "CREATE TABLE a (id int);");
        Files.writeString(dir.resolve("R__v.sql"), "CREATE OR REPLACE VIEW v AS SELECT 1 AS x;");
        TestPostgres.Database db = TestPostgres.freshDatabase("once_crash");
        TargetDatabase target = new TargetDatabase(db.url(), db.user(), db.password());
        MigrationDirectory directory = MigrationDirectory.read(dir);
        // What a killed run leaves behind: intents written, Flyway done, nothing sent.
        intentsOfADeadRun(target, directory);
        new FlywayEngine(target, directory).migrate("1", new LedgerGateCallback(Set.of("1", "R__v"), true, null,
                new Progress(new PrintWriter(new StringWriter()), false)));

        MigrationReport next = migrate(db);

        assertThat(next.exitCode).as(next.message).isEqualTo(ExitCodes.SUCCESS);
        assertThat(ledger.requestsTo("/authorizations")).isEmpty();
        assertThat(ledger.facts).containsOnlyKeys("run-dead/1", "run-dead/R__v");
        assertThat(ledger.facts.get("run-dead/1").get("checksum").asText())
                .isEqualTo(directory.scripts().get(0).checksum().hex());

        // A crash after the ledger answered but before the acknowledgement was stored: the re-send is a replay.
        try (Connection c = target.connect()) {
            c.createStatement().execute("UPDATE migration_ledger.ledger_outbox SET acknowledged_at = NULL");
        }
        MigrationReport again = migrate(db);
        assertThat(again.exitCode).as(again.message).isEqualTo(ExitCodes.SUCCESS);
        assertThat(ledger.facts).hasSize(2);
        List<FakeLedger.Request> sends = ledger.requestsTo("/executions");
        assertThat(sends.get(sends.size() - 1).body()).isEqualTo(sends.get(0).body());
    }

    @Test
    void aRunThatDiedBeforeSettlingTakesItsTimesFromTheHistoryRowsTransaction() throws Exception {
        Files.writeString(dir.resolve("V1__slow.sql"), "CREATE TABLE a (id int);\nSELECT pg_sleep(0.4);");
        TestPostgres.Database db = TestPostgres.freshDatabase("once_crash_times");
        TargetDatabase target = new TargetDatabase(db.url(), db.user(), db.password());
        MigrationDirectory directory = MigrationDirectory.read(dir);
        intentsOfADeadRun(target, directory);
        LedgerGateCallback gate = new LedgerGateCallback(Set.of("1"), true, null,
                new Progress(new PrintWriter(new StringWriter()), false));
        new FlywayEngine(target, directory).migrate("1", gate);

        assertThat(migrate(db).exitCode).isEqualTo(ExitCodes.SUCCESS);

        // what the dead run's gate saw, against what the next run read from the history row alone
        LedgerOutbox.Observed seen = gate.observed().get("1");
        JsonNode fact = ledger.facts.get("run-dead/1");
        assertThat(Duration.between(seen.startedAt(), java.time.Instant.parse(fact.get("startedAt").asText())).abs())
                .isLessThan(Duration.ofMillis(100));
        assertThat(Duration.between(seen.finishedAt(), java.time.Instant.parse(fact.get("finishedAt").asText())).abs())
                .isLessThan(Duration.ofMillis(100));
    }

    @Test
    void anIntentWhoseRunDiedBeforeApplyingIsDroppedNotReported() throws Exception {
        Files.writeString(dir.resolve("V1__a.sql"), "CREATE TABLE a (id int);");
        TestPostgres.Database db = TestPostgres.freshDatabase("once_never_ran");
        try (Connection c = db.connect()) {
            LedgerOutbox outbox = new LedgerOutbox(c, "public");
            outbox.ensureTable();
            outbox.addIntents("run-died-early", "billing", "dev", 0,
                    List.of(new LedgerOutbox.Intent("1", "a".repeat(64))), null, null, null);
        }

        MigrationReport next = migrate(db);

        assertThat(next.exitCode).as(next.message).isEqualTo(ExitCodes.SUCCESS);
        assertThat(ledger.facts).containsOnlyKeys(next.runId + "/1");
    }
    @Test
    void factsAreResentInTheOrderTheyWereAppliedEvenWhenOneFinishedOnAWholeSecond() throws Exception {
        Files.writeString(dir.resolve("V1__a.sql"), "CREATE TABLE a (id int);");
        Files.writeString(dir.resolve("V2__b.sql"), "CREATE TABLE b (id int);");
        Files.writeString(dir.resolve("V3__c.sql"), "CREATE TABLE c (id int);");
        TestPostgres.Database db = TestPostgres.freshDatabase("once_order");
        ledger.factsUnavailable = true;
        MigrationReport first = migrate(db);
        assertThat(first.unrecorded).isEqualTo(3);
        try (Connection c = db.connect(); var st = c.createStatement()) {
            // Instant.toString of a whole second has no fraction: as text, "…08Z" sorts after "…08.005Z".
            st.executeUpdate("UPDATE migration_ledger.ledger_outbox SET finished_at = CASE version"
                    + " WHEN '1' THEN '2026-12-03T20:04:07.995Z' WHEN '2' THEN '2026-12-03T20:04:08Z'"
                    + " ELSE '2026-12-03T20:04:08.005Z' END");
        }

        ledger.factsUnavailable = false;
        migrate(db);

        List<FakeLedger.Request> sends = ledger.requestsTo("/executions");
        List<String> sent = new java.util.ArrayList<>();
        sends.get(sends.size() - 1).body().path("facts").forEach(f -> sent.add(f.path("version").asText()));
        assertThat(sent).containsExactly("1", "2", "3");
    }
}
