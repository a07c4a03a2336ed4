package dev.migrationledger.executor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationledger.executor.client.FakeLedger;
import dev.migrationledger.executor.client.LedgerJson;
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

    @Test
    void anUnreachableLedgerExitsFiveAndAppliesNothing() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        int code = run("migrate", "--project", "p", "--env", "dev", "--dir", dir.toString(), "--db", db.url(),
                "--db-user", db.user(), "--url", "http://127.0.0.1:" + closedPort, "--token", "t", "--retries", "2");

        assertThat(code).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(out.toString()).contains("unreachable").contains("nothing applied");
        assertThat(historyExists()).isFalse();
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
    void dryRunNeedsNoLedgerAndChangesNothing() throws Exception {
        int code = run("migrate", "--project", "p", "--env", "dev", "--dir", dir.toString(), "--db", db.url(),
                "--db-user", db.user(), "--dry-run");

        assertThat(code).as(err.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(err.toString()).contains("would request authorization for 1 a");
        assertThat(historyExists()).isFalse();
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
        assertThat(run("migrate", "--project", "p", "--env", "dev", "--dir", dir.toString(),
                "--db", "jdbc:postgresql://127.0.0.1:1/none", "--url", "http://localhost:1", "--token", "t"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("cannot use the target database");
    }
}
