package dev.migrationledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

/**
 * One bench run, in an order that keeps figures apart: the ingest service (ingest, then queries, receipt
 * and audit probes, executor) is the process whose peak RSS we report; the baselines run once it is gone;
 * the replay gets a service and database of its own; the in-process receipt figures run last, alone.
 */
final class BenchRun {

    private final Path repo;
    private final Sizes sizes;
    private final Path work;
    private final String runTag = "bench-" + UUID.randomUUID().toString().substring(0, 8);
    private final Results results;

    private final boolean smoke;

    BenchRun(Path repo, Sizes sizes, boolean smoke) {
        this.repo = repo;
        this.smoke = smoke;
        this.sizes = sizes;
        this.work = repo.resolve("bench/target/run");
        this.results = new Results(sizes.quick());
    }

    void run() throws Exception {
        Files.createDirectories(work);
        Path serviceJar = repo.resolve("query-api/target/query-api.jar");
        Path ledgerJar = repo.resolve("executor/target/ledger.jar");
        Path benchJar = repo.resolve("bench/target/bench.jar");
        try (BenchPostgres postgres = BenchPostgres.start()) {
            results.machine(postgres.describe(), ServiceProcess.HEAP);
            if (wants("service") || wants("ingest") || wants("sustained") || wants("query") || wants("executor")) {
                serviceFigures(postgres, serviceJar, ledgerJar, benchJar);
            }
            if (wants("replay")) {
                log("replay of ~" + sizes.replayEvents() + " events");
                Path jfr = work.resolve("replay.jfr");
                Files.deleteIfExists(jfr);
                ReplayBench replay;
                try (ServiceProcess service = ServiceProcess.start(serviceJar, postgres.fresh("replay"),
                        work.resolve("home-replay"), work.resolve("service-replay.log"), jfr)) {
                    replay = new ReplayBench(service, service.token("ci-bot", "ci"), sizes, runTag);
                    replay.measure(results.detail("replay"));
                }
                if (Files.exists(jfr)) {
                    results.detail("profile").set("replay_generation",
                            JfrHotFrames.summarize(jfr, replay.generationStart, replay.rebuildStart, 15));
                    results.detail("profile").set("replay_rebuild",
                            JfrHotFrames.summarize(jfr, replay.rebuildStart, replay.rebuildEnd, 15));
                }
            }
        }
        if (wants("receipts")) {
            log("receipts in-process");
            new ReceiptBench(sizes).measure(results.detail("receipts"));
        }
        results.summarize();
        // A smoke or partial run proves the bench works; its figures must never replace a full run's.
        boolean partial = smoke || System.getenv("BENCH_ONLY") != null || System.getenv("BENCH_PROFILE_CLI") != null;
        new Report(partial ? work.resolve("partial.json") : repo.resolve("bench/results/latest.json"),
                partial ? work.resolve("partial.md") : repo.resolve("docs/performance.md"), results).write();
        log("wrote " + (partial ? "bench/target/run/partial.json and partial.md" : "bench/results/latest.json and docs/performance.md"));
    }

    /**
     * BENCH_ONLY=service,replay,receipts (any subset) runs only those parts, for investigating one figure;
     * "ingest", "sustained", "query" and "executor" are those parts of the service figures alone (no queries, no baselines).
     */
    private static boolean wants(String part) {
        String only = System.getenv("BENCH_ONLY");
        return only == null || java.util.List.of(only.split(",")).contains(part);
    }

    /** Ingest, queries, probes and the executor share one service, whose peak RSS is reported; then the baselines. */
    private void serviceFigures(BenchPostgres postgres, Path serviceJar, Path ledgerJar, Path benchJar) throws Exception {
        BenchPostgres.Database ingestDb = postgres.fresh("ingest");
        Path jfr = work.resolve("ingest.jfr");
        Files.deleteIfExists(jfr);
        Instant ingestFrom;
        Instant ingestTo;
        try (ServiceProcess service = ServiceProcess.start(serviceJar, ingestDb, work.resolve("home-ingest"),
                work.resolve("service-ingest.log"), jfr)) {
            String ci = service.token("ci-bot", "ci");
            String auditor = service.token("auditor", "auditor");
            ingestFrom = Instant.now();
            if (wants("service") || wants("ingest")) {
                log("ingest through the API");
                new IngestBench(service, ci, sizes, runTag).measureService(results.detail("ingest"));
            }
            ingestTo = Instant.now();
            if (wants("service") || wants("sustained")) {
                log("sustained ingest and receipts end to end: " + sizes.sustainedWindow().toSeconds() + " s windows");
                JsonNode closedLoop = results.detail("ingest").path("single_8clients").path("per_s");
                new SustainedIngest(service, ci, auditor, sizes, runTag).measure(
                        closedLoop.isNumber() ? closedLoop.asDouble() : 100, results.detail("sustained"));
            }
            if (wants("service") || wants("query")) {
                log("queries: " + sizes.queryMigrations() + " migrations × " + sizes.queryEnvironments() + " environments");
                QueryBench queries = new QueryBench(service, ci, auditor, sizes, runTag);
                queries.setUp();
                queries.measure(results.object("query_p50_ms"), results.object("query_p99_ms"), results.notes());
                new ServiceProbes(service, auditor, results).probe(queries.sampleReceiptId());
                results.root().put("peak_rss_mib", Math.round(service.peakRssMib()));
                results.notes().put("peak_rss_mib", "VmHWM of the service process (" + ServiceProcess.HEAP
                        + ") after the ingest and query phases");
            }
            if (wants("service") || wants("executor")) {
                log("executor against plain Flyway");
                executor(postgres, service, ci, ledgerJar, benchJar);
            }
        }
        if (Files.exists(jfr)) {
            results.detail("profile").set("ingest", JfrHotFrames.summarize(jfr, ingestFrom, ingestTo, 15));
        }
        if (!wants("service")) {
            return;
        }
        log("baselines: plain JDBC inserts");
        new IngestBench(null, null, sizes, runTag).measureBaseline(ingestDb, postgres.fresh("baseline"),
                results.detail("baseline"));
    }

    private void executor(BenchPostgres postgres, ServiceProcess service, String ci, Path ledgerJar, Path benchJar)
            throws Exception {
        // Three pairs in a quick run too: single runs of the same jars gave 1.19× and 1.73× on one day.
        ExecutorBench bench = new ExecutorBench(ledgerJar, benchJar, postgres, service, ci, work, 3);
        Path generated = ExecutorBench.generate(work.resolve("generated-" + runTag), sizes.generatedMigrations());
        bench.compare("generated", generated, results.detail("executor_generated"));
        bench.startUp(repo.resolve("executor/bin/ledger"), sizes.quick() ? 5 : 11, results.detail("executor_start"));
        Path marquez = ExecutorBench.marquezCorpus(repo);
        if (marquez == null) {
            results.notes().put("executor_marquez", "executor/src/test/resources/corpus/marquez not found: skipped");
        } else {
            bench.compare("marquez", marquez, results.detail("executor_marquez"));
        }
    }

    static void log(String message) {
        System.out.println("[bench " + Instant.now().toString().substring(11, 19) + "] " + message);
    }

    static Sizes sizes(String[] args) {
        if (Arrays.asList(args).contains("--smoke")) {
            return Sizes.smokeRun();
        }
        return Arrays.asList(args).contains("--quick") ? Sizes.quickRun() : Sizes.fullRun();
    }
}
