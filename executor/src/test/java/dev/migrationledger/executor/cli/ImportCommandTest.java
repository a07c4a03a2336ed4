package dev.migrationledger.executor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationledger.executor.client.FakeLedger;
import dev.migrationledger.executor.client.LedgerClient;
import dev.migrationledger.executor.client.RetryPolicy;
import dev.migrationledger.executor.flyway.GatedMigration;
import dev.migrationledger.executor.flyway.MigrationDirectory;
import dev.migrationledger.executor.flyway.Progress;
import dev.migrationledger.executor.flyway.TargetDatabase;
import dev.migrationledger.ledger.testing.TestPostgres;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ledger import} reads each tool's history table, created the way that tool creates it, into one baseline. */
class ImportCommandTest {

    @TempDir
    Path dir;

    private final FakeLedger ledger = new FakeLedger();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    ImportCommandTest() throws Exception {
    }

    @AfterEach
    void stop() {
        ledger.close();
    }

    private int importFrom(TestPostgres.Database db, String from) {
        CommandLine commandLine = LedgerCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute("import", "--project", "billing", "--env", "prod", "--db", db.url(), "--db-user",
                db.user(), "--from", from, "--url", ledger.url(), "--token", "t", "--retries", "1");
    }

    private static void sql(TestPostgres.Database db, String... statements) throws Exception {
        try (Connection c = db.connect()) {
            for (String statement : statements) {
                c.createStatement().execute(statement);
            }
        }
    }

    private JsonNode sentBaseline() {
        List<FakeLedger.Request> sent = ledger.requestsTo("/projects/billing/environments/prod/baselines");
        assertThat(sent).hasSize(1);
        return sent.get(0).body();
    }

    @Test
    void flywayHistoryIsImportedWithOurChecksumOnlyForWhatTheExecutorApplied() throws Exception {
        Files.writeString(dir.resolve("V1__a.sql"), "CREATE TABLE a (id int);");
        TestPostgres.Database db = TestPostgres.freshDatabase("import_flyway");
        LedgerClient client = new LedgerClient(ledger.url(), "t", new RetryPolicy(1, Duration.ZERO, Duration.ZERO));
        new GatedMigration(new GatedMigration.Request("billing", "dev", null, null, null, false), MigrationDirectory.read(dir),
                new TargetDatabase(db.url(), db.user(), db.password()), client,
                new Progress(new PrintWriter(new StringWriter()), false)).run();
        Files.writeString(dir.resolve("V1_1__b.sql"), "CREATE TABLE b (id int);");
        Files.writeString(dir.resolve("R__b_view.sql"), "CREATE OR REPLACE VIEW b_view AS SELECT id FROM b;");
        Flyway.configure().dataSource(db.url(), db.user(), db.password()).locations("filesystem:" + dir.toAbsolutePath())
                .load().migrate();

        int code = importFrom(db, "auto");

        assertThat(code).as(err.toString()).isEqualTo(ExitCodes.SUCCESS);
        JsonNode body = sentBaseline();
        assertThat(body.get("tool").asText()).isEqualTo("flyway");
        JsonNode entries = body.get("entries");
        assertThat(entries).extracting(e -> e.get("version").asText()).containsExactly("1", "1.1", "R__b_view");
        assertThat(entries.get(0).get("checksum").asText())
                .isEqualTo(MigrationDirectory.read(dir).scripts().get(0).checksum().hex());
        assertThat(entries.get(1).get("checksum").isNull()).isTrue();
        assertThat(entries.get(1).get("description").asText()).isEqualTo("b");
        assertThat(entries.get(1).get("success").asBoolean()).isTrue();
        assertThat(entries.get(1).get("installedBy").asText()).isEqualTo(db.user());
        assertThat(entries.get(1).get("installedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(entries.get(2).get("sourceId").asText()).isEqualTo("flyway_schema_history:3");
        assertThat(out.toString()).contains("3 flyway entries read from flyway_schema_history, 3 new");
    }

    @Test
    void liquibaseChangesetsAreVersionedByTheirExecutionOrder() throws Exception {
        TestPostgres.Database db = TestPostgres.freshDatabase("import_liquibase");
        // Liquibase 4's own DDL for PostgreSQL (unquoted, so lower case).
        sql(db, "CREATE TABLE databasechangelog (ID VARCHAR(255) NOT NULL, AUTHOR VARCHAR(255) NOT NULL,"
                        + " FILENAME VARCHAR(255) NOT NULL, DATEEXECUTED TIMESTAMP NOT NULL, ORDEREXECUTED INTEGER NOT NULL,"
                        + " EXECTYPE VARCHAR(10) NOT NULL, MD5SUM VARCHAR(35), DESCRIPTION VARCHAR(255), COMMENTS VARCHAR(255),"
                        + " TAG VARCHAR(255), LIQUIBASE VARCHAR(20), CONTEXTS VARCHAR(255), LABELS VARCHAR(255),"
                        + " DEPLOYMENT_ID VARCHAR(10))",
                "CREATE TABLE databasechangeloglock (ID INTEGER NOT NULL, LOCKED BOOLEAN NOT NULL, LOCKGRANTED TIMESTAMP,"
                        + " LOCKEDBY VARCHAR(255), CONSTRAINT databasechangeloglock_pkey PRIMARY KEY (ID))",
                "INSERT INTO databasechangelog VALUES ('create-invoice', 'alice', 'db/changelog.xml', '2024-01-01 10:00:00', 1,"
                        + " 'EXECUTED', '9:abc', 'createTable', '', NULL, '4.25.0', NULL, NULL, '1234567890')",
                "INSERT INTO databasechangelog VALUES ('2', 'bob', 'db/changelog.xml', '2024-01-02 10:00:00', 2,"
                        + " 'MARK_RAN', '9:def', 'addColumn', '', NULL, '4.25.0', NULL, NULL, '1234567891')",
                "INSERT INTO databasechangelog VALUES ('3', 'bob', 'db/changelog.xml', '2024-01-03 10:00:00', 3,"
                        + " 'SKIPPED', NULL, 'sql', '', NULL, '4.25.0', NULL, NULL, '1234567892')");

        int code = importFrom(db, "auto");

        assertThat(code).as(err.toString()).isEqualTo(ExitCodes.SUCCESS);
        JsonNode body = sentBaseline();
        assertThat(body.get("tool").asText()).isEqualTo("liquibase");
        assertThat(body.get("entries")).extracting(e -> e.get("version").asText()).containsExactly("1", "2");
        JsonNode first = body.get("entries").get(0);
        assertThat(first.get("description").asText()).isEqualTo("create-invoice by alice from db/changelog.xml");
        assertThat(first.get("sourceId").asText()).isEqualTo("db/changelog.xml::create-invoice::alice");
        assertThat(first.get("checksum").isNull()).isTrue();
        assertThat(first.get("success").asBoolean()).isTrue();
    }

    @Test
    void alembicsSingleHeadBecomesOneBaselineAndUnmergedHeadsAreRefused() throws Exception {
        TestPostgres.Database db = TestPostgres.freshDatabase("import_alembic");
        sql(db, "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL,"
                + " CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))", "INSERT INTO alembic_version VALUES ('ae1027a6acf')");

        assertThat(importFrom(db, "alembic")).as(err.toString()).isEqualTo(ExitCodes.SUCCESS);
        JsonNode entry = sentBaseline().get("entries").get(0);
        assertThat(entry.get("version").asText()).isEqualTo("1");
        assertThat(entry.get("description").asText()).isEqualTo("alembic head ae1027a6acf");

        sql(db, "INSERT INTO alembic_version VALUES ('27c6a30d7c24')");
        assertThat(importFrom(db, "alembic")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("2 heads (27c6a30d7c24, ae1027a6acf)").contains("alembic merge");
    }

    @Test
    void prismaMigrationsKeepTheirSha256AndRolledBackOnesAreLeftOut() throws Exception {
        TestPostgres.Database db = TestPostgres.freshDatabase("import_prisma");
        String sha = "b".repeat(64);
        // Prisma's own DDL for its migrations table.
        sql(db, "CREATE TABLE _prisma_migrations (id VARCHAR(36) PRIMARY KEY NOT NULL, checksum VARCHAR(64) NOT NULL,"
                        + " finished_at TIMESTAMPTZ, migration_name VARCHAR(255) NOT NULL, logs TEXT, rolled_back_at TIMESTAMPTZ,"
                        + " started_at TIMESTAMPTZ NOT NULL DEFAULT now(), applied_steps_count INTEGER NOT NULL DEFAULT 0)",
                "INSERT INTO _prisma_migrations VALUES ('a1', '" + sha + "', '2024-01-01 12:00:05+00', '20240101120000_init',"
                        + " NULL, NULL, '2024-01-01 12:00:00+00', 1)",
                "INSERT INTO _prisma_migrations VALUES ('a2', '" + "c".repeat(64) + "', NULL, '20240201120000_add_note',"
                        + " 'boom', '2024-02-01 13:00:00+00', '2024-02-01 12:00:00+00', 0)",
                "INSERT INTO _prisma_migrations VALUES ('a3', '" + "d".repeat(64) + "', NULL, '20240201120000_add_note',"
                        + " 'boom again', NULL, '2024-02-02 12:00:00+00', 0)");

        assertThat(importFrom(db, "auto")).as(err.toString()).isEqualTo(ExitCodes.SUCCESS);

        JsonNode entries = sentBaseline().get("entries");
        assertThat(entries).extracting(e -> e.get("version").asText()).containsExactly("20240101120000", "20240201120000");
        assertThat(entries.get(0).get("checksum").asText()).isEqualTo(sha);
        assertThat(entries.get(0).get("description").asText()).isEqualTo("init");
        assertThat(entries.get(0).get("installedAt").asText()).isEqualTo("2024-01-01T12:00:05Z");
        assertThat(entries.get(1).get("success").asBoolean()).isFalse();
        assertThat(entries.get(1).get("sourceId").asText()).isEqualTo("_prisma_migrations:a3");
    }

    @Test
    void autoNeedsExactlyOneHistoryTable() throws Exception {
        TestPostgres.Database db = TestPostgres.freshDatabase("import_auto");

        assertThat(importFrom(db, "auto")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("no history table found");

        sql(db, "CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)",
                "CREATE TABLE _prisma_migrations (id VARCHAR(36) PRIMARY KEY)");
        assertThat(importFrom(db, "auto")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("several history tables found: alembic (alembic_version), prisma (_prisma_migrations)");
        assertThat(importFrom(db, "sqitch")).isEqualTo(ExitCodes.USAGE);
        assertThat(ledger.requests).isEmpty();
    }

    // found by HistoryRowsFuzzTest: a row without a type failed with a NullPointerException (exit 1, no reason)
    @Test
    void aFlywayRowTheLedgerCannotRepresentIsAUsageErrorNamingTheRow() throws Exception {
        TestPostgres.Database db = TestPostgres.freshDatabase("import_flyway_bad_row");
        sql(db, "CREATE TABLE flyway_schema_history (installed_rank int, version varchar(50), description varchar(200),"
                + " type varchar(20), script varchar(1000), checksum int, installed_by varchar(100), installed_on timestamp,"
                + " execution_time int, success boolean)",
                "INSERT INTO flyway_schema_history VALUES (1, '1', 'init', NULL, 'V1__init.sql', NULL, 'me', NULL, 1, true)");
        assertThat(importFrom(db, "flyway")).isZero();

        sql(db, "INSERT INTO flyway_schema_history VALUES (2, 'one', 'x', 'SQL', 'V2__x.sql', NULL, 'me', now(), 1, true)");
        assertThat(importFrom(db, "flyway")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("flyway_schema_history row 2").contains("repair the row");
    }

    @Test
    void aPrismaRowWithoutANameIsAUsageErrorNamingTheRow() throws Exception {
        TestPostgres.Database db = TestPostgres.freshDatabase("import_prisma_bad_row");
        sql(db, "CREATE TABLE _prisma_migrations (id varchar(36), checksum varchar(64), finished_at timestamptz,"
                + " migration_name varchar(255), logs text, rolled_back_at timestamptz, started_at timestamptz,"
                + " applied_steps_count int)",
                "INSERT INTO _prisma_migrations (id, checksum, migration_name) VALUES ('p-1', 'x', NULL)");

        assertThat(importFrom(db, "prisma")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("_prisma_migrations row p-1");
    }

    // found by HistoryRowsFuzzTest: a negative ORDEREXECUTED was sent as a version the ledger refuses
    @Test
    void aLiquibaseRowWithoutARunOrderIsAUsageErrorNamingTheChangeset() throws Exception {
        TestPostgres.Database db = TestPostgres.freshDatabase("import_liquibase_bad_row");
        sql(db, "CREATE TABLE databasechangelog (id varchar(255), author varchar(255), filename varchar(255),"
                + " dateexecuted timestamp, orderexecuted int, exectype varchar(10), md5sum varchar(35))",
                "INSERT INTO databasechangelog VALUES ('add-index', 'ann', 'db.xml', now(), -3, 'EXECUTED', NULL)");

        assertThat(importFrom(db, "liquibase")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("db.xml::add-index::ann").contains("ORDEREXECUTED -3");
    }
}
