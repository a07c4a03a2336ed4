package dev.migrationledger.executor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationledger.executor.client.FakeLedger;
import dev.migrationledger.executor.client.LedgerClient;
import dev.migrationledger.executor.client.RetryPolicy;
import dev.migrationledger.executor.exit.ExitCodes;
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

/**
 * {@code ledger import} as a command: what it sends and prints, and its usage errors. What each tool's reader
 * makes of a history real Flyway, Liquibase, Alembic or Prisma wrote is tested in {@code scan/}; the import
 * against the real service in {@code e2e/ImportAndScanEndToEndTest}.
 */
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

    private int importFrom(TestPostgres.Database db, String from, String... more) {
        CommandLine commandLine = LedgerCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        List<String> args = new java.util.ArrayList<>(List.of("import", "--project", "billing", "--env", "prod", "--db",
                db.url(), "--db-user", db.user(), "--from", from, "--url", ledger.url(), "--token", "t", "--retries", "1"));
        args.addAll(List.of(more));
        return commandLine.execute(args.toArray(String[]::new));
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
        JsonNode change = entries.get(1).get("change");
        assertThat(change.get("changeId").asText()).isEqualTo("V1_1__b.sql");
        assertThat(change.get("toolChecksum").asText()).matches("-?[0-9]+");
        assertThat(change.get("order").asLong()).isEqualTo(2);
        assertThat(change.get("state").asText()).isEqualTo("SQL");
        assertThat(out.toString()).contains("3 flyway entries read from flyway_schema_history, 3 new");
    }

    @Test
    void alembicNeedsItsVersionsDirectoryForTheChain() throws Exception {
        TestPostgres.Database db = TestPostgres.freshDatabase("import_alembic");
        sql(db, "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL,"
                + " CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))", "INSERT INTO alembic_version VALUES ('ae1027a6acf')");

        assertThat(importFrom(db, "alembic")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("add --dir with Alembic's versions directory");
        Files.writeString(dir.resolve("1975ea83b712_create_account.py"), "\"\"\"create account\"\"\"\nrevision = '1975ea83b712'\n"
                + "down_revision = None\n");
        assertThat(importFrom(db, "alembic", "--dir", dir.toString(), "--dry-run")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("head ae1027a6acf, which no revision file in");
        // only the registration checks reached the ledger: nothing was imported
        assertThat(ledger.requests).extracting(FakeLedger.Request::method).containsOnly("GET");
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
        assertThat(ledger.requestsTo("/baselines")).isEmpty();
    }

    // found by HistoryRowsFuzzTest: a row without a type failed with a NullPointerException (exit 1, no reason)
    @Test
    void aFlywayRowTheLedgerCannotRepresentIsAUsageErrorNamingTheRow() throws Exception {
        TestPostgres.Database db = TestPostgres.freshDatabase("import_flyway_bad_row");
        sql(db, "CREATE TABLE flyway_schema_history (installed_rank int, version varchar(50), description varchar(200),"
                + " type varchar(20), script varchar(1000), checksum int, installed_by varchar(100), installed_on timestamp,"
                + " execution_time int, success boolean)",
                "INSERT INTO flyway_schema_history VALUES (1, '1', 'init', NULL, 'V1__init.sql', NULL, 'me', NULL, 1, true)");
        assertThat(importFrom(db, "flyway")).as(err.toString()).isZero();

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
        // the columns Liquibase 4 creates, in its order
        sql(db, "CREATE TABLE databasechangelog (id varchar(255), author varchar(255), filename varchar(255),"
                + " dateexecuted timestamp, orderexecuted int, exectype varchar(10), md5sum varchar(35),"
                + " description varchar(255), comments varchar(255), tag varchar(255), liquibase varchar(20),"
                + " contexts varchar(255), labels varchar(255), deployment_id varchar(10))",
                "INSERT INTO databasechangelog (id, author, filename, dateexecuted, orderexecuted, exectype)"
                        + " VALUES ('add-index', 'ann', 'db.xml', now(), -3, 'EXECUTED')");

        assertThat(importFrom(db, "liquibase")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("db.xml::add-index::ann").contains("ORDEREXECUTED -3");
    }
}
