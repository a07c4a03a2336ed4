package dev.migrationledger.executor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationledger.executor.client.FakeLedger;
import dev.migrationledger.executor.exit.ExitCodes;
import dev.migrationledger.executor.schema.CatalogReader;
import dev.migrationledger.ledger.testing.TestPostgres;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** ledger backup verify with the real pg_dump and pg_restore against a real PostgreSQL. */
class BackupVerifyCommandTest {

    @TempDir
    Path work;

    private final FakeLedger ledger = new FakeLedger();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private TestPostgres.Database source;
    private String fingerprint;

    BackupVerifyCommandTest() throws java.io.IOException {
    }

    @BeforeEach
    void sourceDatabase() throws Exception {
        source = TestPostgres.freshDatabase("backup_src");
        try (Connection c = source.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE invoice (id bigint PRIMARY KEY, total numeric NOT NULL)");
            st.execute("INSERT INTO invoice SELECT g, g * 10 FROM generate_series(1, 25) g");
            st.execute("CREATE TABLE customer (id bigint PRIMARY KEY)");
            fingerprint = CatalogReader.read(c).fingerprint();
        }
    }

    @AfterEach
    void stop() {
        ledger.close();
    }

    private Path pgDump(String format, String name) throws Exception {
        URI uri = URI.create(source.url().substring("jdbc:".length()));
        Path dump = work.resolve(name);
        List<String> command = new ArrayList<>(List.of("pg_dump", "-F" + format, "-f", dump.toString(), "--host",
                uri.getHost(), "--port", Integer.toString(uri.getPort()), "--username", source.user(),
                uri.getPath().substring(1)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (source.password() != null) {
            builder.environment().put("PGPASSWORD", source.password());
        }
        Process p = builder.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(output).isZero();
        return dump;
    }

    private int verify(Path dump) {
        CommandLine commandLine = LedgerCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute("backup", "verify", "--project", "billing", "--env", "prod", "--dump",
                dump.toString(), "--scratch-db", source.url(), "--db-user", source.user(),
                "--url", ledger.url(), "--token", "t", "--retries", "1");
    }

    private List<String> scratchDatabases() throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = source.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'ledger_verify_%'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    @Test
    void aCustomFormatDumpRestoresMatchesTheRecordedSchemaAndIsRecordedWithItsEvidence() throws Exception {
        ledger.recordedFingerprint = fingerprint;
        List<String> before = scratchDatabases();

        assertThat(verify(pgDump("c", "prod.dump"))).as(err.toString()).isZero();

        JsonNode sent = ledger.requestsTo("/environments/prod/backups").get(0).body();
        assertThat(sent.get("restoreTested").asBoolean()).isTrue();
        assertThat(sent.get("backupId").asText()).startsWith("restore-");
        JsonNode evidence = sent.get("evidence");
        assertThat(evidence.get("tool").asText()).isEqualTo("pg_restore");
        assertThat(evidence.get("format").asText()).isEqualTo("custom");
        assertThat(evidence.get("fingerprint").asText()).isEqualTo(fingerprint);
        assertThat(evidence.get("tables").asInt()).isEqualTo(2);
        assertThat(evidence.get("rows").asLong()).isEqualTo(25);
        assertThat(evidence.get("rowsByTable").get("public.invoice").asLong()).isEqualTo(25);
        assertThat(out.toString()).contains("2 tables, 25 rows").contains("the schema last recorded for prod");
        assertThat(scratchDatabases()).as("the scratch database is dropped").isEqualTo(before);
    }

    @Test
    void aDirectoryFormatDumpOfAnotherSchemaIsRecordedButExitsFailed() throws Exception {
        ledger.recordedFingerprint = "0".repeat(64);

        assertThat(verify(pgDump("d", "prod.dir"))).isEqualTo(ExitCodes.CHECK_FAILED);

        assertThat(ledger.requestsTo("/backups").get(0).body().get("evidence").get("format").asText()).isEqualTo("directory");
        assertThat(out.toString()).contains("NOT the schema last recorded for prod");
        assertThat(err.toString()).contains("does not count as a backup of the current schema");
    }

    @Test
    void aDumpThatDoesNotRestoreRecordsNothing() throws Exception {
        Path dump = pgDump("c", "prod.dump");
        byte[] bytes = Files.readAllBytes(dump);
        Path broken = work.resolve("broken.dump");
        Files.write(broken, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        List<String> before = scratchDatabases();

        assertThat(verify(broken)).isEqualTo(ExitCodes.CHECK_FAILED);

        assertThat(err.toString()).contains("does not restore, so no backup was recorded").contains("pg_restore");
        assertThat(ledger.requestsTo("/backups")).isEmpty();
        assertThat(scratchDatabases()).isEqualTo(before);
    }

    @Test
    void aPlainSqlDumpIsAUsageError() throws Exception {
        Path plain = work.resolve("prod.sql");
        Files.writeString(plain, "CREATE TABLE x (id int);\n");

        assertThat(verify(plain)).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("pg_dump -Fc or -Fd");
        assertThat(ledger.requestsTo("/backups")).isEmpty();
    }
}
