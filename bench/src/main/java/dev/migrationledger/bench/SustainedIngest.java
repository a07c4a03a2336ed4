package dev.migrationledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The rate the service keeps up with, not just accepts. A closed loop measures how fast requests are
 * answered while the processors fall behind; here facts are offered open loop at a fixed rate (one fact per
 * request, {@value #CLIENTS} senders), and a rate is sustained when every request is answered at that rate
 * and every processor's lag stays under {@link #MAX_LAG} for the whole window. A processor's lag is a time:
 * how long ago the store's head was where the processor is now (head and lag sampled from
 * {@code /actuator/health} every {@link #SAMPLE}).
 * <p>
 * Receipts end to end, at the sustained rate: every fact's receipt is fetched ({@code GET /receipts/{id}}, which
 * waits briefly for its leaf) as soon as the fact is acknowledged; the figure is facts whose receipt was fetched,
 * over the time from the first fact sent to the last receipt fetched.
 */
final class SustainedIngest {

    static final int CLIENTS = 8;
    static final Duration MAX_LAG = Duration.ofSeconds(5);
    static final Duration SAMPLE = Duration.ofMillis(250);
    /** Rate steps: by this factor until the verdict turns, then halving the interval (geometrically). */
    private static final double STEP = 1.5;
    /** The search stops once the highest sustained and the lowest unsustained rate are this close. */
    private static final double PRECISION = 1.1;
    private static final int MAX_STEPS = 8;

    private final ServiceProcess service;
    private final String ciToken;
    private final String auditorToken;
    private final Sizes sizes;
    private final String runTag;

    SustainedIngest(ServiceProcess service, String ciToken, String auditorToken, Sizes sizes, String runTag) {
        this.service = service;
        this.ciToken = ciToken;
        this.auditorToken = auditorToken;
        this.sizes = sizes;
        this.runTag = runTag;
    }

    record Window(double offered, double answered, long facts, double maxLagSeconds, String slowest,
                  long receipts, double receiptsPerSecond, boolean sustained) {
    }

    /**
     * Searches from half the closed-loop 8-client rate: by {@link #STEP} until one rate is sustained and one
     * is not, then between them; the highest sustained window is the figure.
     */
    ObjectNode measure(double closedLoopRate, ObjectNode out) throws Exception {
        service.awaitProjections(600);
        double rate = Math.max(1, Math.round(closedLoopRate * 0.5));
        Window best = null;
        double failed = Double.POSITIVE_INFINITY;
        ArrayNode windows = out.putArray("windows");
        for (int step = 0; step < MAX_STEPS; step++) {
            Window window = offer(rate, "sustained-" + step);
            windows.add(describe(window));
            service.awaitProjections(600);
            if (window.sustained()) {
                if (best == null || window.offered() > best.offered()) {
                    best = window;
                }
            } else {
                failed = Math.min(failed, rate);
            }
            if (best == null) {
                rate = rate / STEP;
            } else if (failed == Double.POSITIVE_INFINITY) {
                rate = rate * STEP;
            } else if (failed / best.offered() < PRECISION) {
                break;
            } else {
                rate = Math.sqrt(failed * best.offered());
            }
            rate = Math.max(1, Math.round(rate));
        }
        out.put("search", "open loop from half the closed-loop rate, ×" + STEP + " until the verdict turns, then "
                + "the geometric mean of the highest sustained and lowest unsustained rates, to within ×" + PRECISION
                + " or " + MAX_STEPS + " windows");
        out.put("window_s", sizes.sustainedWindow().toSeconds());
        out.put("max_lag_s", MAX_LAG.toSeconds());
        out.put("clients", CLIENTS);
        if (best == null) {
            out.putNull("sustained_facts_per_s");
            out.putNull("receipts_end_to_end_per_s");
        } else {
            out.put("sustained_facts_per_s", Math.round(best.offered() * 10) / 10.0);
            out.put("receipts_end_to_end_per_s", Math.round(best.receiptsPerSecond() * 10) / 10.0);
        }
        return out;
    }

    private Window offer(double rate, String name) throws Exception {
        Duration window = sizes.sustainedWindow();
        List<Workload> projects = new ArrayList<>();
        int capacity = (int) Math.ceil(rate * window.toSeconds() * 1.1 / IngestBench.PROJECTS) + 10;
        int versions = Math.max(10, (capacity + 9) / 10);
        for (int p = 0; p < IngestBench.PROJECTS; p++) {
            Workload workload = new Workload("ingest-" + name + "-" + p, 10, versions, runTag);
            workload.setUp(service.client, service.adminToken, ciToken);
            projects.add(workload);
        }
        service.awaitProjections(600);

        long total = Math.round(rate * window.toNanos() / 1e9);
        ConcurrentLinkedQueue<String> receiptIds = new ConcurrentLinkedQueue<>();
        AtomicLong lastAnswer = new AtomicLong();
        AtomicLong lastReceipt = new AtomicLong();
        AtomicInteger receipts = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(CLIENTS);
        ExecutorService fetchers = Executors.newFixedThreadPool(CLIENTS);
        List<double[]> heads = new ArrayList<>();
        double maxLag = 0;
        String slowest = null;
        long start = System.nanoTime();
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                work.add(senders.submit(() -> {
                    while (true) {
                        int i = sent.getAndIncrement();
                        if (i >= total) {
                            return null;
                        }
                        long due = start + Math.round(i * 1e9 / rate);
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        }
                        Workload project = projects.get(i % IngestBench.PROJECTS);
                        int slot = project.takeSlots(1);
                        if (slot < 0) {
                            throw new IllegalStateException(project.project() + " has no unapplied version left");
                        }
                        LedgerClient.Answer answer = service.client.send("POST", "/api/v1" + project.factsPath(slot),
                                ciToken, project.facts(slot, 1));
                        if (answer.status() != 200) {
                            throw new IllegalStateException("facts → " + answer.status() + " " + answer.body());
                        }
                        lastAnswer.accumulateAndGet(System.nanoTime(), Math::max);
                        String receiptId = LedgerClient.JSON.readTree(answer.body()).path("facts").path(0)
                                .path("receiptId").asText(null);
                        if (receiptId != null) {
                            fetchers.submit(() -> fetch(receiptId, receipts, lastReceipt));
                        }
                    }
                }));
            }
            // sample until every fact is answered and the processors are back at the head (or clearly behind)
            long deadline = start + window.toNanos() + MAX_LAG.toNanos() * 4;
            while (System.nanoTime() < deadline) {
                JsonNode processors = service.processors();
                double now = (System.nanoTime() - start) / 1e9;
                long head = processors.path("head").asLong();
                heads.add(new double[] {now, head});
                for (Map.Entry<String, JsonNode> p : (Iterable<Map.Entry<String, JsonNode>>) processors::fields) {
                    JsonNode lag = p.getValue().path("lag");
                    if (!lag.isNumber()) {
                        continue;
                    }
                    double seconds = now - timeAt(heads, head - lag.asLong());
                    if (seconds > maxLag) {
                        maxLag = seconds;
                        slowest = p.getKey();
                    }
                }
                if (work.stream().allMatch(Future::isDone) && ServiceProcess.caughtUp(processors)) {
                    break;
                }
                Thread.sleep(SAMPLE.toMillis());
            }
            for (Future<?> f : work) {
                f.get(5, TimeUnit.MINUTES);
            }
            fetchers.shutdown();
            fetchers.awaitTermination(5, TimeUnit.MINUTES);
        } finally {
            senders.shutdownNow();
            fetchers.shutdownNow();
        }
        double answeredSeconds = (lastAnswer.get() - start) / 1e9;
        double answered = total / Math.max(answeredSeconds, window.toNanos() / 1e9);
        double receiptSeconds = (lastReceipt.get() - start) / 1e9;
        boolean kept = answered >= rate * 0.95 && maxLag < MAX_LAG.toNanos() / 1e9;
        return new Window(rate, answered, total, maxLag, slowest, receipts.get(),
                receipts.get() == 0 ? 0 : receipts.get() / Math.max(receiptSeconds, window.toNanos() / 1e9), kept);
    }

    /** The receipt of one fact, fetched as an auditor would, retried while it is not issued yet. */
    private void fetch(String receiptId, AtomicInteger receipts, AtomicLong lastReceipt) {
        long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        try {
            while (System.nanoTime() < giveUp) {
                LedgerClient.Answer answer = service.client.send("GET", "/api/v1/receipts/" + receiptId, auditorToken, null);
                if (answer.status() == 200) {
                    receipts.incrementAndGet();
                    lastReceipt.accumulateAndGet(System.nanoTime(), Math::max);
                    return;
                }
                if (answer.status() != 404) {
                    throw new IllegalStateException("receipt " + receiptId + " → " + answer.status() + " " + answer.body());
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** When (seconds into the window) the head first reached {@code index}; the window's start if before it. */
    static double timeAt(List<double[]> heads, long index) {
        for (double[] sample : heads) {
            if (sample[1] >= index) {
                return sample[0];
            }
        }
        return heads.get(heads.size() - 1)[0];
    }

    private static ObjectNode describe(Window w) {
        ObjectNode node = LedgerClient.JSON.createObjectNode();
        node.put("offered_per_s", w.offered());
        node.put("answered_per_s", Math.round(w.answered() * 10) / 10.0);
        node.put("facts", w.facts());
        node.put("max_lag_s", Math.round(w.maxLagSeconds() * 100) / 100.0);
        node.put("slowest_processor", w.slowest());
        node.put("receipts", w.receipts());
        node.put("receipts_per_s", Math.round(w.receiptsPerSecond() * 10) / 10.0);
        node.put("sustained", w.sustained());
        return node;
    }
}
