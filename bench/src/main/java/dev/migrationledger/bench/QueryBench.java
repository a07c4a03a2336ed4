package dev.migrationledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;

/**
 * Read latency on one project with {@code m} migrations in {@code n} environments. Environment k has the
 * first m − k·m/100 versions applied, so later environments trail the first (the drift query has real
 * differences to report) and e0's state lists all m applied migrations — the largest answer there is.
 * Requests are sequential: this is a latency figure, not a throughput one.
 */
final class QueryBench {

    static final String PROJECT = "query";

    private final ServiceProcess service;
    private final String ciToken;
    private final String auditorToken;
    private final Sizes sizes;
    private final String runTag;
    private String sampleReceiptId;

    QueryBench(ServiceProcess service, String ciToken, String auditorToken, Sizes sizes, String runTag) {
        this.service = service;
        this.ciToken = ciToken;
        this.auditorToken = auditorToken;
        this.sizes = sizes;
        this.runTag = runTag;
    }

    String sampleReceiptId() {
        return sampleReceiptId;
    }

    void setUp() throws Exception {
        int m = sizes.queryMigrations();
        Workload workload = new Workload(PROJECT, sizes.queryEnvironments(), m, runTag);
        workload.setUp(service.client, service.adminToken, ciToken);
        for (int env = 0; env < sizes.queryEnvironments(); env++) {
            int applied = m - env * (m / 100);
            for (int from = 0; from < applied; from += 1000) {
                int slot = env * m + from;
                JsonNode answer = service.client.api("POST", workload.factsPath(slot), ciToken,
                        workload.facts(slot, Math.min(1000, applied - from)));
                if (sampleReceiptId == null) {
                    sampleReceiptId = answer.path("facts").path(0).path("receiptId").asText(null);
                }
            }
        }
        service.awaitProjections(600);
    }

    ObjectNode measure(ObjectNode p50, ObjectNode p99, ObjectNode notes) throws Exception {
        String last = "e" + (sizes.queryEnvironments() - 1);
        latency("state", "/api/v1/projects/" + PROJECT + "/environments/e0/state", p50, p99, notes);
        latency("drift", "/api/v1/projects/" + PROJECT + "/drift?from=e0&to=" + last, p50, p99, notes);
        latency("compliance", "/api/v1/reports/compliance?project=" + PROJECT + "&environment=e0&format=json",
                p50, p99, notes);
        return p99;
    }

    private void latency(String name, String path, ObjectNode p50, ObjectNode p99, ObjectNode notes) throws Exception {
        LedgerClient.Answer probe = service.client.send("GET", path, auditorToken, null);
        if (probe.status() != 200) {
            p50.putNull(name);
            p99.putNull(name);
            notes.put("query_" + name, "GET " + path + " answered " + probe.status() + (probe.status() == 404
                    ? " (endpoint not on this branch; it is being built elsewhere)" : ": " + abbreviate(probe.body())));
            return;
        }
        for (int i = 0; i < 10; i++) {
            service.client.send("GET", path, auditorToken, null);
        }
        double[] millis = new double[sizes.queryRequests()];
        long bytes = 0;
        for (int i = 0; i < millis.length; i++) {
            long start = System.nanoTime();
            LedgerClient.Answer answer = service.client.send("GET", path, auditorToken, null);
            millis[i] = (System.nanoTime() - start) / 1e6;
            if (answer.status() != 200) {
                throw new IllegalStateException("GET " + path + " → " + answer.status());
            }
            bytes = answer.body().length();
        }
        Arrays.sort(millis);
        p50.put(name, percentile(millis, 0.50));
        p99.put(name, percentile(millis, 0.99));
        notes.put("query_" + name, "GET " + path + ", " + millis.length + " sequential requests, answer ~"
                + bytes / 1024 + " KiB");
    }

    static double percentile(double[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length) - 1;
        return Math.round(sorted[Math.max(0, rank)] * 100) / 100.0;
    }

    static String abbreviate(String body) {
        return body.length() > 200 ? body.substring(0, 200) + "…" : body;
    }
}
