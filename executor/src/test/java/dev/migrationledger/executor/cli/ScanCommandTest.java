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
import dev.migrationledger.executor.schema.CatalogReader;
import dev.migrationledger.executor.schema.SchemaFingerprint;
import dev.migrationledger.ledger.testing.TestPostgres;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ledger scan} sends the target's history and live schema, and exits 4 when the ledger finds drift. */
class ScanCommandTest {

    @TempDir
    Path dir;

    private final FakeLedger ledger = new FakeLedger();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private TestPostgres.Database db;

    ScanCommandTest() throws Exception {
    }

    /** V1 applied by the executor, V2 by plain Flyway behind its back. */
    @BeforeEach
    void target() throws Exception {
        Files.writeString(dir.resolve("V1__a.sql"), "CREATE TABLE a (id int);");
        db = TestPostgres.freshDatabase("scan_cmd");
        LedgerClient client = new LedgerClient(ledger.url(), "t", new RetryPolicy(1, Duration.ZERO, Duration.ZERO));
        new GatedMigration(new GatedMigration.Request("billing", "dev", null, null, null, false), MigrationDirectory.read(dir),
                new TargetDatabase(db.url(), db.user(), db.password()), client,
                new Progress(new PrintWriter(new StringWriter()), false)).run();
        Files.writeString(dir.resolve("V2__b.sql"), "CREATE TABLE b (id int);\r\n");
        Flyway.configure().dataSource(db.url(), db.user(), db.password()).locations("filesystem:" + dir.toAbsolutePath())
                .load().migrate();
        ledger.requests.clear();
    }

    @AfterEach
    void stop() {
        ledger.close();
    }

    private int scan(String url, String... extra) {
        CommandLine commandLine = LedgerCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        List<String> args = new ArrayList<>(List.of("scan", "--project", "billing", "--env", "dev", "--db", db.url(),
                "--db-user", db.user(), "--url", url, "--token", "t", "--retries", "1"));
        args.addAll(List.of(extra));
        return commandLine.execute(args.toArray(String[]::new));
    }

    private SchemaFingerprint live() throws Exception {
        try (Connection c = db.connect()) {
            return CatalogReader.read(c);
        }
    }

    @Test
    void aCleanScanSendsHistoryAndSchemaAndExitsZero() throws Exception {
        int code = scan(ledger.url(), "--dir", dir.toString());

        assertThat(code).as(err + "" + out).isEqualTo(ExitCodes.SUCCESS);
        assertThat(out.toString()).contains("no drift");
        JsonNode body = ledger.requestsTo("/projects/billing/environments/dev/drift-scans").get(0).body();
        SchemaFingerprint live = live();
        assertThat(body.get("scanId").asText()).matches("scan-[0-9a-f-]{36}");
        assertThat(body.get("tool").asText()).isEqualTo("flyway");
        assertThat(body.get("schemaFingerprint").asText()).isEqualTo(live.fingerprint());
        assertThat(body.get("schemaDescription")).extracting(JsonNode::asText).containsExactlyElementsOf(live.lines());
        assertThat(ledger.snapshots).containsKey(live.fingerprint());
        MigrationDirectory files = MigrationDirectory.read(dir);
        JsonNode history = body.get("history");
        assertThat(history).extracting(r -> r.get("version").asText()).containsExactly("1", "2");
        // V1: from the executor's outbox; V2: Flyway's CRC32 matches the file (CRLF and all), so its SHA-256 is known.
        assertThat(history.get(0).get("checksum").asText()).isEqualTo(files.scripts().get(0).checksum().hex());
        assertThat(history.get(1).get("checksum").asText()).isEqualTo(files.scripts().get(1).checksum().hex());
        assertThat(history.get(1).get("success").asBoolean()).isTrue();
        assertThat(history.get(1).get("installedBy").asText()).isEqualTo(db.user());
    }

    @Test
    void withoutTheDirectoryARowTheExecutorDidNotApplyHasNoChecksum() throws Exception {
        Files.writeString(dir.resolve("V2__b.sql"), "CREATE TABLE b (id bigint);");

        assertThat(scan(ledger.url())).isEqualTo(ExitCodes.SUCCESS);
        assertThat(scan(ledger.url(), "--dir", dir.toString())).isEqualTo(ExitCodes.SUCCESS);

        List<FakeLedger.Request> scans = ledger.requestsTo("/drift-scans");
        assertThat(scans.get(0).body().get("history").get(1).get("checksum").isNull()).isTrue();
        // The file changed since Flyway ran it: its checksum no longer vouches for the row.
        assertThat(scans.get(1).body().get("history").get(1).get("checksum").isNull()).isTrue();
        assertThat(scans.get(1).body().get("history").get(0).get("checksum").asText()).hasSize(64);
    }

    @Test
    void driftFoundExitsFourAndNamesKindVersionAndObjects() throws Exception {
        ledger.driftFindings = "[{\"findingId\":\"f-1\",\"kind\":\"SCHEMA_CHANGED_OUTSIDE_MIGRATIONS\",\"version\":null,"
                + "\"detail\":\"the live schema is not what the last apply left\","
                + "\"objects\":[\"+ column public.a.note text null\"],\"since\":\"2026-05-01T10:00:00Z\"},"
                + "{\"findingId\":\"f-2\",\"kind\":\"UNKNOWN_IN_DB\",\"version\":\"2\",\"detail\":\"applied outside the ledger\","
                + "\"objects\":[]}]";

        int code = scan(ledger.url());

        assertThat(code).isEqualTo(ExitCodes.DRIFT);
        assertThat(out.toString())
                .contains("SCHEMA_CHANGED_OUTSIDE_MIGRATIONS -: the live schema is not what the last apply left")
                .contains("    + column public.a.note text null")
                .contains("UNKNOWN_IN_DB 2: applied outside the ledger");
    }

    @Test
    void jsonPrintsTheLedgersAnswer() throws Exception {
        int code = scan(ledger.url(), "--json");

        assertThat(code).isEqualTo(ExitCodes.SUCCESS);
        JsonNode answer = dev.migrationledger.executor.client.LedgerJson.MAPPER.readTree(out.toString());
        assertThat(answer.get("scanId").asText()).startsWith("scan-");
        assertThat(answer.get("findings")).isEmpty();
    }

    @Test
    void anUnreachableLedgerExitsFiveAndConfigurationErrorsExitTwo() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertThat(scan("http://127.0.0.1:" + closedPort)).isEqualTo(ExitCodes.UNREACHABLE);

        ledger.withoutDriftEndpoints = true;
        assertThat(scan(ledger.url())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("the scan was refused");

        CommandLine commandLine = LedgerCommand.commandLine();
        commandLine.setErr(new PrintWriter(err, true));
        assertThat(commandLine.execute("scan", "--project", "billing", "--env", "dev", "--db", "postgres://x",
                "--url", ledger.url(), "--token", "t")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--db takes a PostgreSQL JDBC URL");
    }
}
