package dev.migrationledger.executor.flyway;

import dev.migrationledger.executor.testing.MarquezCorpus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationledger.executor.exit.ExitCodes;
import dev.migrationledger.executor.client.FakeLedger;
import dev.migrationledger.executor.client.LedgerClient;
import dev.migrationledger.executor.client.RetryPolicy;
import dev.migrationledger.executor.schema.CatalogReader;
import dev.migrationledger.executor.schema.SchemaFingerprint;
import dev.migrationledger.ledger.domain.Checksum;
import dev.migrationledger.ledger.testing.TestPostgres;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The migrate flow against a real PostgreSQL target and a fake ledger. */
class GatedMigrationTest {

    @TempDir
    Path dir;

    private final FakeLedger ledger = new FakeLedger();
    private final StringWriter progress = new StringWriter();

    GatedMigrationTest() throws IOException {
    }

    @AfterEach
    void stop() {
        ledger.close();
    }

    private MigrationReport migrate(TestPostgres.Database db, Path directory) throws SQLException {
        LedgerClient client = new LedgerClient(ledger.url(), "ci-token", new RetryPolicy(2, Duration.ofMillis(5), Duration.ofMillis(10)));
        return new GatedMigration(new GatedMigration.Request("billing", "dev", null, "abc123", "https://ci/1", false),
                MigrationDirectory.read(directory), target(db), client, new Progress(new PrintWriter(progress, true), false)).run();
    }

    private static TargetDatabase target(TestPostgres.Database db) {
        return new TargetDatabase(db.url(), db.user(), db.password());
    }

    private void write(String name, String sql) throws IOException {
        Files.writeString(dir.resolve(name), sql);
    }

    private static int count(TestPostgres.Database db, String sql) throws SQLException {
        try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void appliesAGeneratedDirectoryAndRecordsOneFactPerMigrationWithOurChecksum() throws Exception {
        write("V1__create_widgets.sql", "CREATE TABLE widgets (id int PRIMARY KEY);");
        write("V1_1__add_name.sql", "ALTER TABLE widgets ADD COLUMN name text;");
        write("V2__index_name.sql", "CREATE INDEX CONCURRENTLY widgets_name ON widgets (name);");
        write("R__widget_view.sql", "CREATE OR REPLACE VIEW widget_names AS SELECT name FROM widgets;");
        TestPostgres.Database db = TestPostgres.freshDatabase("gated_apply");

        MigrationReport report = migrate(db, dir);

        assertThat(report.exitCode).as(report.message).isEqualTo(ExitCodes.SUCCESS);
        assertThat(report.applied).containsExactly("1", "1.1", "2", "R__widget_view");
        JsonNode authorization = ledger.requestsTo("/authorizations").get(0).body();
        assertThat(authorization.get("executionId").asText()).isEqualTo(report.runId);
        assertThat(ledger.facts).hasSize(4).containsKeys(report.runId + "/1", report.runId + "/R__widget_view");
        JsonNode fact = ledger.facts.get(report.runId + "/1.1");
        assertThat(fact.get("checksum").asText())
                .isEqualTo(Checksum.ofScript(Files.readAllBytes(dir.resolve("V1_1__add_name.sql"))).hex());
        assertThat(fact.get("status").asText()).isEqualTo("APPLIED");
        assertThat(fact.get("tool").asText()).isEqualTo("ledger");
        assertThat(fact.get("gitSha").asText()).isEqualTo("abc123");
        assertThat(fact.get("startedAt").asText()).endsWith("Z");
        assertThat(progress.toString()).containsPattern("\\[ledger] 1\\.1 add name … applied in \\d+ ms");
        assertThat(count(db, "SELECT count(*) FROM migration_ledger.ledger_outbox WHERE acknowledged_at IS NULL")).isZero();

        assertThat(migrate(db, dir).message).isEqualTo("nothing to migrate");
        assertThat(ledger.requestsTo("/authorizations")).hasSize(1);
    }

    @Test
    void aFactCarriesWhenItsScriptRanNotWhenItsTransactionBegan() throws Exception {
        write("V1__slow.sql", "CREATE TABLE slow (id int);\nSELECT pg_sleep(0.4);");
        write("V2__index_concurrently.sql", "CREATE INDEX CONCURRENTLY slow_id ON slow (id);");
        TestPostgres.Database db = TestPostgres.freshDatabase("gated_times");
        java.time.Instant before = java.time.Instant.now();

        MigrationReport report = migrate(db, dir);

        java.time.Instant after = java.time.Instant.now();
        assertThat(report.exitCode).as(report.message).isEqualTo(ExitCodes.SUCCESS);
        for (String version : List.of("1", "2")) {
            JsonNode fact = ledger.facts.get(report.runId + "/" + version);
            java.time.Instant started = java.time.Instant.parse(fact.get("startedAt").asText());
            java.time.Instant finished = java.time.Instant.parse(fact.get("finishedAt").asText());
            assertThat(started).as(version).isAfterOrEqualTo(before.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
            assertThat(finished).as(version).isBeforeOrEqualTo(after).isAfterOrEqualTo(started);
        }
        JsonNode slow = ledger.facts.get(report.runId + "/1");
        assertThat(Duration.between(java.time.Instant.parse(slow.get("startedAt").asText()),
                java.time.Instant.parse(slow.get("finishedAt").asText()))).isGreaterThanOrEqualTo(Duration.ofMillis(390));
        java.time.Instant firstEnded = java.time.Instant.parse(ledger.facts.get(report.runId + "/1").get("finishedAt").asText());
        java.time.Instant secondStarted = java.time.Instant.parse(ledger.facts.get(report.runId + "/2").get("startedAt").asText());
        assertThat(secondStarted).isAfterOrEqualTo(firstEnded);
    }

    @Test
    void appliesOnlyTheAuthorizedPrefixAndExitsDenied() throws Exception {
        write("V1__a.sql", "CREATE TABLE a (id int);");
        write("V2__b.sql", "CREATE TABLE b (id int);");
        write("V3__c.sql", "CREATE TABLE c (id int);");
        write("R__v.sql", "CREATE OR REPLACE VIEW v AS SELECT 1 AS x;");
        ledger.deny.add("2");
        TestPostgres.Database db = TestPostgres.freshDatabase("gated_deny");

        MigrationReport report = migrate(db, dir);

        assertThat(report.exitCode).isEqualTo(ExitCodes.DENIED);
        assertThat(report.applied).containsExactly("1");
        assertThat(count(db, "SELECT count(*) FROM flyway_schema_history WHERE success")).isEqualTo(1);
        assertThat(count(db, "SELECT count(*) FROM pg_views WHERE viewname = 'v'")).isZero();
        assertThat(ledger.facts).hasSize(1);
    }

    @Test
    void aFailedMigrationStopsTheRunAndIsRecordedAsFailed() throws Exception {
        write("V1__a.sql", "CREATE TABLE a (id int);");
        write("V2__broken.sql", "CREATE TABLE b (id int REFERENCES nowhere (id));");
        write("V3__c.sql", "CREATE TABLE c (id int);");
        TestPostgres.Database db = TestPostgres.freshDatabase("gated_fail");

        MigrationReport report = migrate(db, dir);

        assertThat(report.exitCode).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(report.failed).isEqualTo("2");
        JsonNode failed = ledger.facts.get(report.runId + "/2");
        assertThat(failed.get("status").asText()).isEqualTo("FAILED");
        assertThat(failed.get("error").asText()).contains("nowhere").doesNotContain("Run Flyway with -X");
        assertThat(report.error).contains("nowhere").doesNotContain("-X");
        assertThat(ledger.facts).containsOnlyKeys(report.runId + "/1", report.runId + "/2");
        assertThat(count(db, "SELECT count(*) FROM pg_tables WHERE tablename = 'c'")).isZero();
    }

    @Test
    void marquezAppliesToTheSameSchemaAsPlainFlyway() throws Exception {
        Path corpus = MarquezCorpus.dir();
        TestPostgres.Database viaLedger = TestPostgres.freshDatabase("marquez_ledger");
        TestPostgres.Database viaFlyway = TestPostgres.freshDatabase("marquez_plain");

        MigrationReport report = migrate(viaLedger, corpus);
        FluentConfiguration plain = Flyway.configure().dataSource(viaFlyway.url(), viaFlyway.user(), viaFlyway.password())
                .locations("filesystem:" + corpus.toAbsolutePath());
        // The one non-default: with Flyway's transactional lock, V47's CREATE INDEX CONCURRENTLY waits forever.
        plain.getPluginRegister().getPlugin(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
        plain.load().migrate();

        assertThat(report.exitCode).as(report.message).isEqualTo(ExitCodes.SUCCESS);
        assertThat(ledger.facts).hasSize(84);
        List<String> schema = SchemaCatalog.of(viaLedger);
        assertThat(schema).hasSizeGreaterThan(100).containsExactlyElementsOf(SchemaCatalog.of(viaFlyway));
        assertThat(schema).noneMatch(line -> line.contains("ledger_outbox") || line.contains("flyway_schema_history"));

        SchemaFingerprint plainFingerprint;
        try (Connection c = viaFlyway.connect()) {
            plainFingerprint = CatalogReader.read(c);
        }
        assertThat(plainFingerprint.lines()).hasSizeGreaterThan(300);
        assertThat(report.schemaFingerprint).isEqualTo(plainFingerprint.fingerprint());
        assertThat(ledger.facts.values()).filteredOn(f -> !f.get("schemaFingerprint").isNull())
                .singleElement().satisfies(f -> assertThat(f.get("version").asText()).isEqualTo("R__Runs_view"));
    }

    @Test
    void theLastAppliedFactCarriesTheSchemaFingerprintWhoseDescriptionIsSentFirst() throws Exception {
        write("V1__a.sql", "CREATE TABLE a (id int);");
        write("V2__b.sql", "CREATE TABLE b (id int, note text);");
        TestPostgres.Database db = TestPostgres.freshDatabase("fingerprint_fact");

        MigrationReport report = migrate(db, dir);

        assertThat(report.exitCode).as(report.message).isEqualTo(ExitCodes.SUCCESS);
        SchemaFingerprint live;
        try (Connection c = db.connect()) {
            live = CatalogReader.read(c);
        }
        assertThat(ledger.facts.get(report.runId + "/1").get("schemaFingerprint").isNull()).isTrue();
        assertThat(ledger.facts.get(report.runId + "/2").get("schemaFingerprint").asText())
                .isEqualTo(live.fingerprint()).isEqualTo(report.schemaFingerprint);
        assertThat(ledger.snapshots.get(live.fingerprint()).get("lines")).extracting(JsonNode::asText)
                .containsExactlyElementsOf(live.lines()).contains("column public.b.note text null");
        assertThat(ledger.requests).extracting(FakeLedger.Request::method)
                .containsSubsequence("POST", "PUT", "POST").endsWith("POST");
        assertThat(ledger.requests.indexOf(ledger.requestsTo(live.fingerprint()).get(0)))
                .isLessThan(ledger.requests.indexOf(ledger.requestsTo("/executions").get(0)));
    }

    @Test
    void aServiceWithoutSnapshotsStillGetsTheFactsAndTheDescriptionIsNotRetried() throws Exception {
        write("V1__a.sql", "CREATE TABLE a (id int);");
        TestPostgres.Database db = TestPostgres.freshDatabase("fingerprint_old_service");
        ledger.withoutDriftEndpoints = true;

        MigrationReport report = migrate(db, dir);
        MigrationReport next = migrate(db, dir);

        assertThat(report.exitCode).as(report.message).isEqualTo(ExitCodes.SUCCESS);
        assertThat(next.exitCode).as(next.message).isEqualTo(ExitCodes.SUCCESS);
        assertThat(ledger.facts.get(report.runId + "/1").get("schemaFingerprint").asText()).hasSize(64);
        assertThat(ledger.requestsTo(report.schemaFingerprint)).hasSize(1);
        assertThat(progress.toString()).contains("did not store the schema description");
    }
}
