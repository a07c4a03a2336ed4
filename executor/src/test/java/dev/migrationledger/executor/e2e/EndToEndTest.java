package dev.migrationledger.executor.e2e;

import dev.migrationledger.executor.testing.MarquezCorpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationledger.executor.cli.LedgerCommand;
import dev.migrationledger.executor.flyway.GatedMigration;
import dev.migrationledger.executor.flyway.MigrationDirectory;
import dev.migrationledger.executor.flyway.MigrationScript;
import dev.migrationledger.ledger.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI as a process against the real service as a process. Needs the service's write endpoints
 * (SPEC §7/§7.1) in {@code query-api/target/query-api.jar}; skipped with a message when the jar is absent.
 */
class EndToEndTest {

    @TempDir
    static Path home;

    private static LedgerService service;
    private static String ciToken;

    @TempDir
    Path dir;

    @BeforeAll
    static void startService() throws Exception {
        assumeTrue(Files.isRegularFile(LedgerService.JAR), LedgerService.JAR
                + " not built (./mvnw -pl query-api package): end-to-end tests skipped");
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

    /** {@code ledger …} in its own JVM, so that a halt is a real process death. */
    private static Process start(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("java", "-cp", System.getProperty("java.class.path"),
                LedgerCommand.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("LEDGER_URL", service.url);
        builder.environment().put("LEDGER_TOKEN", ciToken);
        builder.environment().put("LEDGER_RETRIES", "3");
        builder.environment().put("LEDGER_RETRY_DELAY_MS", "100");
        builder.environment().putAll(env);
        return builder.start();
    }

    private static Run finish(Process process) throws Exception {
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Run(process.exitValue(), output);
    }

    private static Run ledger(Map<String, String> env, String... args) throws Exception {
        return finish(start(env, args));
    }

    private static String[] migrateArgs(String project, Path directory, TestPostgres.Database db) {
        return new String[] {"migrate", "--project", project, "--env", "dev", "--dir", directory.toString(),
                "--db", db.url(), "--db-user", db.user()};
    }

    private static Map<String, String> dbEnv(TestPostgres.Database db) {
        return Map.of("LEDGER_DB_PASSWORD", db.password() == null ? "" : db.password());
    }

    private static JsonNode state(String project) throws Exception {
        return service.call("GET", "/projects/" + project + "/environments/dev/state", ciToken, null);
    }

    /** version → number of applied entries in the ledger's state. */
    private static Map<String, Integer> appliedCounts(JsonNode state) {
        Map<String, Integer> counts = new HashMap<>();
        state.get("applied").forEach(a -> counts.merge(a.get("version").asText(), 1, Integer::sum));
        return counts;
    }

    private void smallDirectory() throws Exception {
        Files.writeString(dir.resolve("V1__a.sql"), "CREATE TABLE a (id int);");
        Files.writeString(dir.resolve("V2__b.sql"), "CREATE TABLE b (id int);");
        Files.writeString(dir.resolve("V3__c.sql"), "CREATE TABLE c (id int);");
    }

    @Test
    void lintPlanMigrateTheMarquezCorpusRecordsOneMatchingFactPerMigration() throws Exception {
        Path corpus = MarquezCorpus.dir();
        service.registerProject("marquez");
        TestPostgres.Database db = TestPostgres.freshDatabase("e2e_marquez");

        Run lint = ledger(Map.of(), "lint", "--dir", corpus.toString());
        assertThat(lint.exit()).as(lint.output()).isIn(0, 1);
        Run plan = ledger(Map.of(), "plan", "--project", "marquez", "--dir", corpus.toString(), "--no-lint");
        assertThat(plan.exit()).as(plan.output()).isZero();
        Run migrate = ledger(dbEnv(db), migrateArgs("marquez", corpus, db));
        assertThat(migrate.exit()).as(migrate.output()).isZero();

        JsonNode state = state("marquez");
        Map<String, String> checksums = new HashMap<>();
        state.get("applied").forEach(a -> checksums.put(a.get("version").asText(), a.get("checksum").asText()));
        MigrationDirectory directory = MigrationDirectory.read(corpus);
        assertThat(appliedCounts(state)).hasSize(84).allSatisfy((version, count) -> assertThat(count).isEqualTo(1));
        for (MigrationScript script : directory.scripts()) {
            assertThat(checksums.get(script.version().key())).as(script.fileName()).isEqualTo(script.checksum().hex());
        }
        Run status = ledger(Map.of(), "status", "--project", "marquez", "--env", "dev");
        assertThat(status.exit()).as(status.output()).isZero();
        assertThat(status.output()).contains("R__Runs_view");
    }

    @Test
    void aCliKilledBetweenApplyAndRecordIsRecordedExactlyOnceByTheNextRun() throws Exception {
        smallDirectory();
        service.registerProject("crash");
        TestPostgres.Database db = TestPostgres.freshDatabase("e2e_crash");
        assertThat(ledger(Map.of(), "plan", "--project", "crash", "--dir", dir.toString()).exit()).isZero();
        Map<String, String> crashing = new HashMap<>(dbEnv(db));
        crashing.put(GatedMigration.CRASH_AFTER_APPLY, "1");

        Run killed = ledger(crashing, migrateArgs("crash", dir, db));
        assertThat(killed.exit()).as(killed.output()).isEqualTo(137);
        assertThat(state("crash").get("applied")).isEmpty();

        Run next = ledger(dbEnv(db), migrateArgs("crash", dir, db));
        assertThat(next.exit()).as(next.output()).isZero();
        assertThat(next.output()).contains("re-sent 3 fact(s)");
        Run again = ledger(dbEnv(db), migrateArgs("crash", dir, db));
        assertThat(again.exit()).as(again.output()).isZero();

        JsonNode state = state("crash");
        assertThat(appliedCounts(state)).containsOnly(Map.entry("1", 1), Map.entry("2", 1), Map.entry("3", 1));
        assertThat(state.get("applied").get(0).get("executionId").asText()).matches("run-[0-9a-f-]+/1");
    }

    @Test
    void twoConcurrentMigrateRunsNeverBothApply() throws Exception {
        smallDirectory();
        service.registerProject("race");
        TestPostgres.Database db = TestPostgres.freshDatabase("e2e_race");
        assertThat(ledger(Map.of(), "plan", "--project", "race", "--dir", dir.toString()).exit()).isZero();

        Process first = start(dbEnv(db), migrateArgs("race", dir, db));
        Process second = start(dbEnv(db), migrateArgs("race", dir, db));
        Run a = finish(first);
        Run b = finish(second);

        assertThat(List.of(a.exit(), b.exit())).as(a.output() + "\n---\n" + b.output()).allMatch(code -> code == 0 || code == 3);
        assertThat(appliedCounts(state("race"))).containsOnly(Map.entry("1", 1), Map.entry("2", 1), Map.entry("3", 1));
        try (Connection c = db.connect(); ResultSet rs = c.createStatement()
                .executeQuery("SELECT count(*) FROM flyway_schema_history WHERE success")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(3);
        }
    }
}
