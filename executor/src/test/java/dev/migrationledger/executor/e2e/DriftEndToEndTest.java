package dev.migrationledger.executor.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationledger.executor.exit.ExitCodes;
import dev.migrationledger.executor.cli.LedgerCommand;
import dev.migrationledger.ledger.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * migrate → scan → hand-made change → scan → import, the CLI as a process against the real service. Needs
 * the drift-scan, baseline and schema-snapshot endpoints in {@code query-api/target/query-api.jar}; skipped
 * with a message when the jar is absent or predates them.
 */
class DriftEndToEndTest {

    @TempDir
    static Path home;

    private static LedgerService service;
    private static String ciToken;

    @TempDir
    Path dir;

    @BeforeAll
    static void startService() throws Exception {
        assumeTrue(Files.isRegularFile(LedgerService.JAR), LedgerService.JAR
                + " not built (./mvnw -pl query-api package): drift end-to-end tests skipped");
        service = new LedgerService(home);
        ciToken = service.ciToken();
    }

    @AfterAll
    static void stopService() {
        if (service != null) {
            service.close();
        }
    }

    record Run(int exit, String output) {
    }

    private static Run ledger(TestPostgres.Database db, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("java", "-cp", System.getProperty("java.class.path"),
                LedgerCommand.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(Map.of("LEDGER_URL", service.url, "LEDGER_TOKEN", ciToken, "LEDGER_RETRIES", "3",
                "LEDGER_RETRY_DELAY_MS", "100", "LEDGER_DB_PASSWORD", db.password() == null ? "" : db.password()));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Run(process.exitValue(), output);
    }

    private static String[] target(String command, String project, TestPostgres.Database db, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "--project", project, "--env", "dev", "--db", db.url(),
                "--db-user", db.user()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void aColumnAddedByHandIsFoundAndNamedByTheNextScan() throws Exception {
        Files.writeString(dir.resolve("V1__invoice.sql"), "CREATE TABLE invoice (id int PRIMARY KEY);");
        service.registerProject("drift");
        TestPostgres.Database db = TestPostgres.freshDatabase("e2e_drift");
        assertThat(ledger(db, "plan", "--project", "drift", "--dir", dir.toString()).exit()).isZero();
        Run migrate = ledger(db, target("migrate", "drift", db, "--dir", dir.toString()));
        assertThat(migrate.exit()).as(migrate.output()).isZero();

        Run clean = ledger(db, target("scan", "drift", db));
        assertThat(clean.exit()).as(clean.output()).isEqualTo(ExitCodes.SUCCESS);

        try (Connection c = db.connect()) {
            c.createStatement().execute("ALTER TABLE invoice ADD COLUMN note text");
        }
        Run drifted = ledger(db, target("scan", "drift", db));
        assertThat(drifted.exit()).as(drifted.output()).isEqualTo(ExitCodes.DRIFT);
        assertThat(drifted.output()).contains("SCHEMA_CHANGED_OUTSIDE_MIGRATIONS")
                .contains("+ column public.invoice.note text null");

        JsonNode state = service.call("GET", "/projects/drift/environments/dev/state", ciToken, null);
        assertThat(state.get("drift")).anyMatch(f -> f.get("kind").asText().equals("SCHEMA_CHANGED_OUTSIDE_MIGRATIONS"));
    }

    @Test
    void anImportedFlywayHistoryIsAppliedInTheLedger() throws Exception {
        service.registerProject("adopt");
        TestPostgres.Database db = TestPostgres.freshDatabase("e2e_import");
        Files.writeString(dir.resolve("V1__a.sql"), "CREATE TABLE a (id int);");
        Files.writeString(dir.resolve("V2__b.sql"), "CREATE TABLE b (id int);");
        org.flywaydb.core.Flyway.configure().dataSource(db.url(), db.user(), db.password())
                .locations("filesystem:" + dir.toAbsolutePath()).load().migrate();

        Run imported = ledger(db, target("import", "adopt", db, "--from", "auto"));

        assertThat(imported.exit()).as(imported.output()).isZero();
        assertThat(imported.output()).contains("2 flyway entries read from flyway_schema_history, 2 new");
        JsonNode state = service.call("GET", "/projects/adopt/environments/dev/state", ciToken, null);
        assertThat(state.get("applied")).extracting(a -> a.get("version").asText()).containsExactly("1", "2");
    }
}
