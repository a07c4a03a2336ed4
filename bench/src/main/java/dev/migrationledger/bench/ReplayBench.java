package dev.migrationledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A full rebuild of every read model from an event store of about {@code replayEvents} events. The events
 * are generated through the batch API (1,000 facts per request, the maximum) across many projects of
 * 11,001 events each (registration, 1,000 plans, 10 environments × 1,000 applies), as a busy installation
 * would hold them, rather than one giant aggregate no one would run.
 */
final class ReplayBench {

    /** The processing groups of docs/api.md ("Read your writes"). */
    static final List<String> GROUPS = List.of("environment-state", "migration-timeline");
    private static final int VERSIONS = 1000;
    private static final int ENVIRONMENTS = 10;

    private final ServiceProcess service;
    private final String ciToken;
    private final Sizes sizes;
    private final String runTag;
    /** When generation and rebuild ran, to cut the service's flight recording into the two. */
    Instant generationStart;
    Instant rebuildStart;
    Instant rebuildEnd;

    ReplayBench(ServiceProcess service, String ciToken, Sizes sizes, String runTag) {
        this.service = service;
        this.ciToken = ciToken;
        this.sizes = sizes;
        this.runTag = runTag;
    }

    ObjectNode measure(ObjectNode out) throws Exception {
        int projects = (int) Math.ceil(sizes.replayEvents() / (double) (1 + VERSIONS + ENVIRONMENTS * VERSIONS));
        AtomicInteger nextProject = new AtomicInteger();
        generationStart = Instant.now();
        // Two clients keep the service busy while one request is parsed; more would only queue on two cores.
        ClosedLoop.Result generated = ClosedLoop.run(2, Duration.ofHours(6), client -> {
            int p = nextProject.getAndIncrement();
            if (p >= projects) {
                return -1;
            }
            Workload workload = new Workload("replay-" + p, ENVIRONMENTS, VERSIONS, runTag);
            workload.setUp(service.client, service.adminToken, ciToken);
            for (int slot = workload.takeSlots(1000); slot >= 0; slot = workload.takeSlots(1000)) {
                service.client.api("POST", workload.factsPath(slot), ciToken, workload.facts(slot, 1000));
            }
            return workload.capacity();
        });
        out.put("projects", projects);
        out.set("generation_batch1000", IngestBench.describe(generated));
        service.awaitProjections(3600);
        long head = service.processors().path("head").asLong();

        rebuildStart = Instant.now();
        long start = System.nanoTime();
        for (String group : GROUPS) {
            service.client.api("POST", "/projections/" + group + "/rebuild", service.adminToken, null);
        }
        Map<String, Double> finished = new LinkedHashMap<>();
        while (finished.size() < GROUPS.size()) {
            Thread.sleep(200);
            JsonNode processors = service.processors();
            double elapsed = (System.nanoTime() - start) / 1e9;
            for (String group : GROUPS) {
                JsonNode lag = processors.path(group).path("lag");
                if (!finished.containsKey(group) && lag.isNumber() && lag.asLong() == 0) {
                    finished.put(group, Math.round(elapsed * 1000) / 1000.0);
                }
            }
            if (elapsed > 3600) {
                throw new IllegalStateException("rebuild not finished after an hour: " + processors);
            }
        }
        rebuildEnd = Instant.now();
        double seconds = finished.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        out.put("events", head);
        out.put("seconds", seconds);
        ObjectNode perGroup = out.putObject("seconds_per_group");
        finished.forEach(perGroup::put);
        out.put("events_per_s", Math.round(head / seconds));
        return out;
    }
}
