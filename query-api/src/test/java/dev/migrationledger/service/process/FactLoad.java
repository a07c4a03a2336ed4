package dev.migrationledger.service.process;

import dev.migrationledger.service.web.Api;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * A CI pipeline under stress: lanes of clients that record facts (one at a time or in batches) as
 * fast as they can, and behave as SPEC R9 allows: on a connection error or a 503 they send the very
 * same request again, with the same executionIds, until it is acknowledged. A fact counts as
 * acknowledged only when a 2xx answer for it arrived.
 */
final class FactLoad implements AutoCloseable {

    static final String CHECKSUM = "c0ffee".repeat(10) + "c0ff";
    private static final Duration GIVE_UP = Duration.ofSeconds(90);

    /** One sending thread: the instance it starts on (index into the clients) and the project it writes. */
    record Lane(int client, String project, String environment) {
    }

    /** A 2xx: when its request was first sent and when it was answered ({@link System#nanoTime()}). */
    record Success(long sentNanos, long answeredNanos) {
    }

    private final List<Api> clients;
    private final List<Lane> lanes;
    private final String runId;
    /** Part of every version, so that two loads in one test never report the same version twice. */
    private final int run = RUNS.incrementAndGet();
    private static final java.util.concurrent.atomic.AtomicInteger RUNS = new java.util.concurrent.atomic.AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    final Map<String, String> acknowledged = new ConcurrentHashMap<>();
    /** The executionIds of every request sent, acknowledged or not: each must be stored all or none. */
    final Queue<List<String>> requests = new ConcurrentLinkedQueue<>();
    final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    final Queue<String> unexpected = new ConcurrentLinkedQueue<>();
    final Queue<Success> successes = new ConcurrentLinkedQueue<>();
    final LongAdder connectionErrors = new LongAdder();

    FactLoad(List<Api> clients, List<Lane> lanes, String runId) {
        this.clients = clients;
        this.lanes = lanes;
        this.runId = runId;
    }

    FactLoad start() {
        running = true;
        for (int i = 0; i < lanes.size(); i++) {
            int lane = i;
            Thread thread = new Thread(() -> run(lane), "fact-load-" + lane);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        return this;
    }

    /** Stops sending new requests and waits until every request in flight is acknowledged or given up. */
    void stop() {
        running = false;
        for (Thread thread : threads) {
            try {
                thread.join(GIVE_UP.toMillis() + 10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** The first 2xx to a request sent after {@code nanos}: how long the service took to recover. */
    Duration recoveryAfter(long nanos) {
        return successes.stream().filter(s -> s.sentNanos() >= nanos).mapToLong(Success::answeredNanos).min()
                .stream().mapToObj(answered -> Duration.ofNanos(answered - nanos)).findFirst().orElse(null);
    }

    /** Requests whose facts were stored only in part: a batch is one transaction, so there must be none. */
    List<List<String>> partiallyStored(Map<String, Long> stored) {
        return requests.stream().filter(ids -> {
            long present = ids.stream().filter(stored::containsKey).count();
            return present != 0 && present != ids.size();
        }).toList();
    }

    long count(int status) {
        LongAdder n = statuses.get(status);
        return n == null ? 0 : n.sum();
    }

    private void run(int laneIndex) {
        Lane lane = lanes.get(laneIndex);
        Random random = new Random(31L * laneIndex + runId.hashCode());
        int client = lane.client();
        int sequence = 0;
        while (running) {
            int size = random.nextInt(3) == 0 ? 2 + random.nextInt(4) : 1;
            List<Map<String, Object>> facts = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                sequence++;
                facts.add(fact(runId + "-" + laneIndex + "-" + sequence, (laneIndex + 1) + "." + run + "." + sequence));
            }
            requests.add(facts.stream().map(f -> (String) f.get("executionId")).toList());
            client = sendUntilAcknowledged(lane, client, facts);
        }
    }

    private int sendUntilAcknowledged(Lane lane, int client, List<Map<String, Object>> facts) {
        String path = "/api/v1/projects/" + lane.project() + "/environments/" + lane.environment() + "/executions";
        Map<String, Object> body = Map.of("facts", facts);
        long giveUp = System.nanoTime() + GIVE_UP.toNanos();
        long firstSent = System.nanoTime();
        while (System.nanoTime() < giveUp) {
            long sent = System.nanoTime();
            Api.Response response;
            try {
                response = clients.get(client).post(path, body);
            } catch (UncheckedIOException refusedOrReset) {
                // the instance is down or was killed mid-request: the same request again, elsewhere if possible
                connectionErrors.increment();
                client = (client + 1) % clients.size();
                ServiceProcess.pause(50);
                continue;
            }
            statuses.computeIfAbsent(response.status(), s -> new LongAdder()).increment();
            String text = response.body().toString();
            if (text.contains("Exception") || text.contains("\tat ")) {
                unexpected.add(response.status() + " with internals in the body: " + text);
            }
            if (response.status() / 100 == 2) {
                successes.add(new Success(sent, System.nanoTime()));
                if (response.body().path("facts").size() != facts.size()) {
                    unexpected.add("acknowledged " + response.body().path("facts").size() + " of " + facts.size());
                }
                facts.forEach(f -> acknowledged.put((String) f.get("executionId"), lane.project()));
                return client;
            }
            if (response.status() == 503 && response.header("Retry-After") != null) {
                ServiceProcess.pause(100);
                continue;
            }
            unexpected.add(response.status() + " " + text);
            return client;
        }
        unexpected.add("gave up after " + GIVE_UP + " on a request first sent " + Duration.ofNanos(System.nanoTime() - firstSent) + " ago");
        return client;
    }

    private static Map<String, Object> fact(String executionId, String version) {
        Instant now = Instant.now();
        Map<String, Object> fact = new LinkedHashMap<>();
        fact.put("executionId", executionId);
        fact.put("version", version);
        fact.put("checksum", CHECKSUM);
        fact.put("status", "APPLIED");
        fact.put("startedAt", now.minusMillis(200).toString());
        fact.put("finishedAt", now.toString());
        fact.put("tool", "ledger");
        return fact;
    }
}
