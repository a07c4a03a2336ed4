package dev.migrationledger.executor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationledger.executor.client.FakeLedger;
import dev.migrationledger.executor.client.LedgerJson;
import dev.migrationledger.executor.exit.ExitCodes;
import dev.migrationledger.ledger.domain.Checksum;
import dev.migrationledger.ledger.testing.TestPostgres;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MigrateCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private TestPostgres.Database db;

    @BeforeEach
    void migrations() throws IOException {
        Files.writeString(dir.resolve("V1__a.sql"), "CREATE TABLE a (id int);");
        db = TestPostgres.freshDatabase("migrate_cmd");
    }

    private int run(String... args) {
        CommandLine commandLine = LedgerCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private boolean historyExists() throws Exception {
        try (Connection c = db.connect();
             ResultSet rs = c.createStatement().executeQuery("SELECT to_regclass('public.flyway_schema_history') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** Every table in the target's schemas but the catalog's: the ledger's outbox tables as well as Flyway's. */
    private java.util.List<String> tablesInTarget() throws Exception {
        java.util.List<String> tables = new java.util.ArrayList<>();
        try (Connection c = db.connect();
             ResultSet rs = c.createStatement().executeQuery("SELECT table_schema || '.' || table_name FROM "
                     + "information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    @Test
    void aLedgerThatCannotBeUsedLeavesTheTargetUntouched() throws Exception {
        // Flyway reads the target while the client starts; nothing may be written before the client is known good.
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (FakeLedger ledger = new FakeLedger()) {
            assertThat(run("migrate", "--project", "shopp", "--env", "dev", "--dir", dir.toString(), "--db", db.url(),
                    "--db-user", db.user(), "--url", ledger.url(), "--token", "t")).isEqualTo(ExitCodes.USAGE);
        }
        assertThat(run("migrate", "--project", "p", "--env", "dev", "--dir", dir.toString(), "--db", db.url(),
                "--db-user", db.user(), "--url", "http://127.0.0.1:" + closedPort, "--token", "t", "--retries", "1"))
                .isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(run("migrate", "--project", "p", "--env", "dev", "--dir", dir.toString(), "--db", db.url(),
                "--db-user", db.user(), "--url", "not a url", "--token", "t")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("no project 'shopp'").contains("unreachable").contains("not a URL");
        assertThat(tablesInTarget()).isEmpty();
    }

    @Test
    void anUnreachableLedgerExitsFiveAndAppliesNothing() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        int code = run("migrate", "--project", "p", "--env", "dev", "--dir", dir.toString(), "--db", db.url(),
                "--db-user", db.user(), "--url", "http://127.0.0.1:" + closedPort, "--token", "t", "--retries", "2");

        assertThat(code).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(err.toString()).contains("unreachable").contains("nothing applied");
        assertThat(historyExists()).isFalse();
    }

    @Test
    void anEmptyLedgerKeyIsNoKeyAsABlankCiInputMeans() throws Exception {
        try (FakeLedger ledger = new FakeLedger()) {
            int code = run("migrate", "--project", "p", "--env", "dev", "--dir", dir.toString(), "--db", db.url(),
                    "--db-user", db.user(), "--url", ledger.url(), "--token", "t", "--ledger-key", "");

            assertThat(code).as(err.toString()).isEqualTo(ExitCodes.SUCCESS);
            assertThat(ledger.facts).hasSize(1);
        }
    }

    @Test
    void jsonReportsTheRunOnStdout() throws Exception {
        try (FakeLedger ledger = new FakeLedger()) {
            int code = run("migrate", "--project", "p", "--env", "dev", "--dir", dir.toString(), "--db", db.url(),
                    "--db-user", db.user(), "--url", ledger.url(), "--token", "t", "--json", "--git-sha", "f00");

            assertThat(code).as(err.toString()).isEqualTo(ExitCodes.SUCCESS);
            JsonNode report = LedgerJson.MAPPER.readTree(out.toString());
            assertThat(report.get("applied").get(0).asText()).isEqualTo("1");
            assertThat(report.get("exitCode").asInt()).isZero();
            assertThat(err.toString()).contains("[ledger] 1 a … applied in");
            assertThat(ledger.facts.values().iterator().next().get("gitSha").asText()).isEqualTo("f00");
        }
    }

    @Test
    void aDryRunShowsEachFilesChecksumAgainstThePlanAndWhatTheGateWouldDoAndChangesNothing() throws Exception {
        Files.writeString(dir.resolve("V2__b.sql"), "CREATE TABLE b (id int);");
        Files.writeString(dir.resolve("V3__c.sql"), "CREATE TABLE c (id int);");
        String first = Checksum.ofScript(Files.readAllBytes(dir.resolve("V1__a.sql"))).hex();
        String second = Checksum.ofScript(Files.readAllBytes(dir.resolve("V2__b.sql"))).hex();
        try (FakeLedger ledger = new FakeLedger()) {
            ledger.planned.put("1", first);
            ledger.planned.put("2", "9".repeat(64));
            ledger.deny.add("3");

            int code = run("migrate", "--project", "p", "--env", "dev", "--dir", dir.toString(), "--db", db.url(),
                    "--db-user", db.user(), "--url", ledger.url(), "--token", "t", "--dry-run");

            assertThat(code).as(err.toString()).isEqualTo(ExitCodes.DENIED);
            assertThat(err.toString())
                    .contains("[dry run] V1__a.sql " + first + " = planned: would be authorized")
                    .contains("[dry run] V2__b.sql " + second + " ≠ planned: would be denied")
                    .contains("CHECKSUM_NOT_PLANNED").contains("planned with " + "9".repeat(64)).contains("run ledger plan")
                    .contains("[dry run] V3__c.sql").contains("NO_APPROVAL");
            assertThat(out.toString()).contains("dry run: 1 of 3 pending would be authorized, 2 denied; nothing applied or recorded");
            assertThat(ledger.requestsTo("/authorizations")).singleElement()
                    .satisfies(r -> assertThat(r.body().get("dryRun").asBoolean()).isTrue());
            assertThat(ledger.requestsTo("/executions")).isEmpty();
            assertThat(historyExists()).isFalse();
        }
    }

    @Test
    void sarifPutsEachDenialOnItsScript() throws Exception {
        Files.writeString(dir.resolve("V2__b.sql"), "CREATE TABLE b (id int);");
        try (FakeLedger ledger = new FakeLedger()) {
            ledger.deny.add("2");

            int code = run("migrate", "--project", "p", "--env", "prod", "--dir", dir.toString(), "--db", db.url(),
                    "--db-user", db.user(), "--url", ledger.url(), "--token", "t", "--format", "sarif");

            assertThat(code).as(err.toString()).isEqualTo(ExitCodes.DENIED);
            JsonNode sarif = LedgerJson.MAPPER.readTree(out.toString());
            assertThat(SarifSchema.violations(sarif)).as("SARIF schema violations").isEmpty();
            JsonNode run = sarif.get("runs").get(0);
            assertThat(run.at("/tool/driver/name").asText()).isEqualTo("ledger migrate");
            assertThat(run.get("results")).singleElement().satisfies(r -> {
                assertThat(r.get("ruleId").asText()).isEqualTo("NO_APPROVAL");
                assertThat(r.get("level").asText()).isEqualTo("error");
                assertThat(r.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).endsWith("V2__b.sql");
                assertThat(r.at("/message/text").asText()).contains("2 denied in prod");
            });
            assertThat(err.toString()).contains("ledger migrate: ");
        }
    }

    @Test
    void aDryRunWithNothingDeniedExitsZero() throws Exception {
        try (FakeLedger ledger = new FakeLedger()) {
            int code = run("migrate", "--project", "p", "--env", "dev", "--dir", dir.toString(), "--db", db.url(),
                    "--db-user", db.user(), "--url", ledger.url(), "--token", "t", "--dry-run", "--json");

            assertThat(code).as(err.toString()).isEqualTo(ExitCodes.SUCCESS);
            JsonNode judged = LedgerJson.MAPPER.readTree(out.toString()).get("judged").get(0);
            assertThat(judged.get("file").asText()).isEqualTo("V1__a.sql");
            assertThat(judged.get("matchesPlan").asBoolean()).isTrue();
            assertThat(judged.get("verdict").asText()).isEqualTo("AUTHORIZED");
            assertThat(historyExists()).isFalse();
        }
    }

    @Test
    void anUnknownProjectOrEnvironmentExitsTwoEvenWithNothingPending() throws Exception {
        try (FakeLedger ledger = new FakeLedger()) {
            String[] common = {"--dir", dir.toString(), "--db", db.url(), "--db-user", db.user(), "--url", ledger.url(),
                    "--token", "t"};
            assertThat(run(concat(new String[] {"migrate", "--project", "p", "--env", "dev"}, common))).isZero();
            assertThat(run(concat(new String[] {"migrate", "--project", "p", "--env", "dev"}, common))).isZero();
            assertThat(out.toString()).contains("nothing to migrate");

            assertThat(run(concat(new String[] {"migrate", "--project", "shopp", "--env", "dev"}, common)))
                    .isEqualTo(ExitCodes.USAGE);
            assertThat(err.toString()).contains("no project 'shopp'").contains("--project");
            assertThat(run(concat(new String[] {"migrate", "--project", "p", "--env", "prd"}, common)))
                    .isEqualTo(ExitCodes.USAGE);
            assertThat(err.toString()).contains("no environment 'prd'; it has dev, staging, prod").contains("--env");
            assertThat(run(concat(new String[] {"migrate", "--project", "p", "--env", "prd", "--dry-run"}, common)))
                    .isEqualTo(ExitCodes.USAGE);
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void configurationErrorsExitTwo() {
        assertThat(run("migrate", "--project", "p", "--env", "dev", "--dir", dir.toString(), "--db", "postgres://x",
                "--url", "http://localhost:1", "--token", "t")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--db takes a PostgreSQL JDBC URL");
        assertThat(run("migrate", "--project", "p", "--env", "dev", "--dir", dir.resolve("nope").toString(),
                "--db", db.url(), "--url", "http://localhost:1", "--token", "t")).isEqualTo(ExitCodes.USAGE);
        assertThat(run("migrate", "--project", "p", "--env", "dev", "--dir", dir.toString(), "--db", db.url(),
                "--url", "http://localhost:1")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("LEDGER_TOKEN");
        try (FakeLedger ledger = new FakeLedger()) {
            assertThat(run("migrate", "--project", "p", "--env", "dev", "--dir", dir.toString(),
                    "--db", "jdbc:postgresql://127.0.0.1:1/none", "--url", ledger.url(), "--token", "t"))
                    .isEqualTo(ExitCodes.USAGE);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(err.toString()).contains("cannot use the target database");
        assertThat(run("migrate", "--project", "p", "--env", "dev", "--dir", dir.toString(), "--db", db.url(),
                "--url", "http://localhost:1", "--token", "t", "--ledger-key", dir.resolve("V1__a.sql").toString()))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("public key");
    }
}
