package dev.migrationledger.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code ledger migrate} against plain Flyway, both as fresh JVM processes (so both pay JVM start-up and
 * Flyway's class loading), each on a fresh database, on the same directory with the same Flyway settings.
 * Only {@code ledger migrate} is compared with Flyway, timed once the service has derived what the plan wrote;
 * {@code ledger plan} + {@code migrate} is reported too.
 */
final class ExecutorBench {

    private final Path ledgerJar;
    private final Path benchJar;
    private final BenchPostgres postgres;
    private final ServiceProcess service;
    private final String ciToken;
    private final Path logs;
    private final int runs;

    ExecutorBench(Path ledgerJar, Path benchJar, BenchPostgres postgres, ServiceProcess service, String ciToken,
                  Path logs, int runs) {
        this.ledgerJar = ledgerJar;
        this.benchJar = benchJar;
        this.postgres = postgres;
        this.service = service;
        this.ciToken = ciToken;
        this.logs = logs;
        this.runs = runs;
    }

    /** {@code count} migrations of the kinds most directories are made of: tables, added columns, indexes. */
    static Path generate(Path dir, int count) throws IOException {
        Files.createDirectories(dir);
        for (int i = 1; i <= count; i++) {
            String sql = switch (i % 3) {
                case 1 -> "CREATE TABLE t" + i + " (id bigint PRIMARY KEY, name text NOT NULL, created_at timestamptz);\n";
                case 2 -> "ALTER TABLE t" + (i - 1) + " ADD COLUMN c" + i + " integer;\n";
                default -> "CREATE INDEX ix" + i + " ON t" + (i - 2) + " (name);\n";
            };
            Files.writeString(dir.resolve("V" + i + "__step_" + i + ".sql"), sql);
        }
        return dir;
    }

    /** Median wall times over {@code runs} pairs; each run gets fresh databases and a fresh project. */
    ObjectNode compare(String name, Path dir, ObjectNode out) throws Exception {
        double[] flyway = new double[runs];
        double[] migrate = new double[runs];
        double[] planAndMigrate = new double[runs];
        for (int r = 0; r < runs; r++) {
            BenchPostgres.Database flywayDb = postgres.fresh("flyway_" + name);
            // Both sides are timed on an idle service: an earlier run's receipts, still being derived, would
            // slow the baseline's PostgreSQL and cores instead.
            service.awaitProjections(600);
            flyway[r] = timed(name + "-flyway", Map.of("LEDGER_DB_PASSWORD", flywayDb.password()),
                    "-jar", benchJar.toString(), "flyway-migrate", "--dir", dir.toString(), "--db", flywayDb.url(),
                    "--db-user", flywayDb.user());

            String project = "exec-" + name + "-" + r + "-" + System.nanoTime();
            service.client.api("POST", "/projects", service.adminToken, "{\"id\":\"" + project
                    + "\",\"environments\":[{\"name\":\"dev\",\"policy\":{\"backupRequiredFor\":[]}}]}");
            BenchPostgres.Database ledgerDb = postgres.fresh("ledger_" + name);
            Map<String, String> env = Map.of("LEDGER_URL", service.client.baseUrl(), "LEDGER_TOKEN", ciToken,
                    "LEDGER_DB_PASSWORD", ledgerDb.password());
            // The generated scripts index tables made by earlier scripts without CONCURRENTLY, which lint
            // rightly flags; the bench times recording, not the linter's verdict.
            double plan = timed(name + "-plan", env, "-jar", ledgerJar.toString(), "plan", "--project", project,
                    "--dir", dir.toString(), "--no-lint");
            // The service shares this machine's cores: while it derives the plan's events, a migrate timed now
            // would compete with it for CPU, which plain Flyway never does (a real service runs elsewhere).
            service.awaitProjections(600);
            migrate[r] = timed(name + "-migrate", env, "-jar", ledgerJar.toString(), "migrate", "--project", project,
                    "--env", "dev", "--dir", dir.toString(), "--db", ledgerDb.url(), "--db-user", ledgerDb.user());
            planAndMigrate[r] = plan + migrate[r];
        }
        long migrations;
        try (var files = Files.list(dir)) {
            migrations = files.filter(f -> f.getFileName().toString().endsWith(".sql")).count();
        }
        out.put("migrations", migrations);
        out.put("runs", runs);
        out.put("flyway_s", median(flyway));
        out.put("ledger_s", median(migrate));
        out.put("ledger_plan_plus_migrate_s", median(planAndMigrate));
        out.put("ratio", Math.round(median(migrate) / median(flyway) * 100) / 100.0);
        return out;
    }

    /**
     * The start of {@code ledger --version}: {@code java -jar ledger.jar} against {@code executor/bin/ledger}
     * with its class-data-sharing archive written (by one run before), interleaved, medians of {@code runs}.
     */
    ObjectNode startUp(Path launcher, int runs, ObjectNode out) throws Exception {
        Path cache = Files.createTempDirectory(logs, "cds");
        Map<String, String> env = Map.of("LEDGER_JAR", ledgerJar.toString(), "LEDGER_CDS_DIR", cache.toString());
        timedCommand("start-archive", env, List.of(launcher.toString(), "--version"));
        double[] plain = new double[runs];
        double[] archived = new double[runs];
        for (int r = 0; r < runs; r++) {
            plain[r] = timed("start-plain", Map.of(), "-jar", ledgerJar.toString(), "--version");
            archived[r] = timedCommand("start-cds", env, List.of(launcher.toString(), "--version"));
        }
        out.put("runs", runs);
        out.put("plain_jar_ms", Math.round(median(plain) * 1000));
        out.put("launcher_cds_ms", Math.round(median(archived) * 1000));
        out.put("ratio", Math.round(median(archived) / median(plain) * 100) / 100.0);
        return out;
    }

    private double timed(String label, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("java"));
        // Only for finding where the time goes (BENCH_ONLY runs): a recording perturbs the timing it explains.
        // A .jfc file as the value (socket reads with no threshold, say) shows where the wall time waits.
        String profile = System.getenv("BENCH_PROFILE_CLI");
        if (profile != null) {
            command.add("-XX:StartFlightRecording=filename=" + logs.resolve("executor-" + label + ".jfr")
                    + ",settings=" + (profile.endsWith(".jfc") ? profile : "profile"));
        }
        command.addAll(Arrays.asList(args));
        return timedCommand(label, env, command);
    }

    private double timedCommand(String label, Map<String, String> env, List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logs.resolve("executor-" + label + ".log").toFile());
        builder.environment().putAll(env);
        long start = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(label + " failed (exit " + (process.isAlive() ? "timeout" : process.exitValue())
                    + "); see " + logs.resolve("executor-" + label + ".log"));
        }
        return Math.round((System.nanoTime() - start) / 1e6) / 1000.0;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** The Marquez corpus the executor's tests use (executor/src/test/resources); null when absent. */
    static Path marquezCorpus(Path repo) {
        Path corpus = repo.resolve("executor/src/test/resources/corpus/marquez");
        return Files.isDirectory(corpus) ? corpus : null;
    }
}
