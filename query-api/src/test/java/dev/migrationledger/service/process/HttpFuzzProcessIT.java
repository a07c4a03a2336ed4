package dev.migrationledger.service.process;

import dev.migrationledger.ledger.testing.TestPostgres;
import dev.migrationledger.service.web.Api;
import dev.migrationledger.service.web.CleanRefusal;
import dev.migrationledger.service.web.HostileRequests;
import dev.migrationledger.service.web.HttpFuzzRequests;
import dev.migrationledger.service.web.RawHttp;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated requests ({@link HttpFuzzRequests}) against the packaged service as a process, over loopback
 * only, with a token of each role: bounded by count and by time. Afterwards: no answer was a 5xx, every
 * error was a problem without internals, no write was accepted, nothing was recorded (the store has the
 * same events and tokens as before), and the store audit is clean. {@code ./mvnw -B verify} sends a few
 * thousand; docs/reliability.md has the command and figures of the long run.
 */
class HttpFuzzProcessIT {

    private static final int REQUESTS = Integer.getInteger("reliability.http-fuzz.requests", 3_000);
    private static final Duration LIMIT = Duration.ofSeconds(Long.getLong("reliability.http-fuzz.seconds", 120));
    private static final long SEED = Long.getLong("reliability.seed", 20260501L);
    private static final int CLIENTS = 4;

    @Test
    void generatedRequestsGetNo5xxAndRecordNothing() throws Exception {
        TestPostgres.Database database = TestPostgres.freshDatabase("http_fuzz");
        Path home = ServiceJar.newHome("http-fuzz");
        StoredFacts store = new StoredFacts(database);
        try (ServiceProcess service = new ServiceProcess(database, home)) {
            service.start();
            Api admin = service.admin();
            assertThat(admin.post("/api/v1/projects", Map.of("id", HostileRequests.PROJECT, "environments",
                    List.of(Map.of("name", "dev"), Map.of("name", "prod")))).status()).isEqualTo(201);
            Map<String, String> tokens = Map.of("admin", admin.token(), "ci", admin.as("ci-bot", "ci").token(),
                    "approver", admin.as("bob", "approver").token(), "auditor", admin.as("audrey", "auditor").token());
            Api ci = admin.withToken(tokens.get("ci"));
            assertThat(ci.post("/api/v1/projects/" + HostileRequests.PROJECT + "/migrations", Map.of("migrations",
                    List.of(Map.of("version", "1", "checksum", HostileRequests.CHECKSUM, "changeClass", "ADDITIVE",
                            "author", "alice")))).status()).isEqualTo(200);
            long events = store.events();
            String eventsBefore = admin.get("/api/v1/events?limit=1000").body().toString();
            int tokensBefore = admin.get("/api/v1/tokens").body().size();

            Run run = send(service.port(), tokens);

            // the figures first, so that a failed run reports them too
            Figures.write("http-fuzz", Map.of(
                    "requests", run.sent.sum(),
                    "seed", SEED,
                    "duration", run.duration.toMillis() + " ms",
                    "requestsPerSecond", run.sent.sum() * 1000L / Math.max(1, run.duration.toMillis()),
                    "byStatus", new TreeMap<>(run.byStatus),
                    "eventsRecorded", store.events() - events,
                    "violations", run.violations.sum()));
            run.failures.forEach(System.out::println);
            assertThat(service.alive()).as("the service survived the run").isTrue();
            assertThat(run.failures).as("answers that were 5xx, not problems, or accepted writes").isEmpty();
            assertThat(store.events()).as("events recorded by refused requests").isEqualTo(events);
            assertThat(admin.get("/api/v1/events?limit=1000").body().toString()).isEqualTo(eventsBefore);
            assertThat(admin.get("/api/v1/tokens").body().size()).as("tokens created").isEqualTo(tokensBefore);
            System.out.println("http-fuzz: " + MerkleLogCheck.verify(admin, events));
            assertThat(service.output()).doesNotContain(admin.token());
        }
    }

    private record Run(LongAdder sent, Map<String, LongAdder> byStatus, LongAdder violations, List<String> failures,
                       Duration duration) {
    }

    private static Run send(int port, Map<String, String> tokens) throws InterruptedException {
        AtomicInteger tickets = new AtomicInteger();
        LongAdder sent = new LongAdder();
        LongAdder violations = new LongAdder();
        Map<String, LongAdder> byStatus = new ConcurrentHashMap<>();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        long deadline = System.nanoTime() + LIMIT.toNanos();
        long begin = System.nanoTime();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int client = 0; client < CLIENTS; client++) {
            HttpFuzzRequests generator = new HttpFuzzRequests(SEED + client, tokens);
            RawHttp http = new RawHttp(port, 30_000);
            clients.submit(() -> {
                while (tickets.incrementAndGet() <= REQUESTS && System.nanoTime() < deadline) {
                    HttpFuzzRequests.Generated request = generator.next();
                    RawHttp.Response response = http.send(request.bytes());
                    sent.increment();
                    byStatus.computeIfAbsent(response.status() == 0 ? "closed" : String.valueOf(response.status()),
                            s -> new LongAdder()).increment();
                    String violation = response.status() == 0 ? null
                            : request.write() && response.status() < 300 && !request.method().equals("HEAD")
                            && !request.method().equals("OPTIONS") ? "write accepted"
                            : CleanRefusal.violationOfError(response.status(), response.header("Content-Type"), response.body(),
                            new String(request.bytes(), java.nio.charset.StandardCharsets.UTF_8));
                    if (violation != null) {
                        violations.increment();
                    }
                    if (violation != null && failures.size() < 30) {
                        failures.add(violation + ": " + request.kind() + " → " + response.status() + " "
                                + abbreviate(response.body()) + "\n  " + abbreviate(new String(request.bytes(),
                                java.nio.charset.StandardCharsets.ISO_8859_1)));
                    }
                }
                return null;
            });
        }
        clients.shutdown();
        if (!clients.awaitTermination(LIMIT.toSeconds() + 120, TimeUnit.SECONDS)) {
            clients.shutdownNow();
        }
        return new Run(sent, byStatus, violations, failures, Duration.ofNanos(System.nanoTime() - begin));
    }

    private static String abbreviate(String text) {
        return text.length() <= 400 ? text : text.substring(0, 400) + "…";
    }
}
