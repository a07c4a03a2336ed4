package dev.migrationledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The targets, judged against the figures of this run; "met" is null where nothing was measured. */
final class Targets {

    private final ObjectNode root;

    Targets(ObjectNode root) {
        this.root = root;
    }

    void judge() {
        ObjectNode targets = root.putObject("targets");
        atLeast(targets, "ingest_8clients_vs_baseline", "ingest.ratio_8clients", 0.5, "≥ 0.5× INSERT+COMMIT (8 clients)");
        atLeast(targets, "sustained_ingest", "ingest.ratio_sustained", 0.5, "≥ 0.5× the 8-client single-fact rate");
        atLeast(targets, "receipts_end_to_end", "receipts.end_to_end_ratio", 0.9, "≥ 0.9× sustained ingest");
        atLeast(targets, "batch_ingest", "ingest.batch100_per_s", 10_000, "≥ 10,000 facts/s");
        atLeast(targets, "replay", "replay_events_per_s", 20_000, "≥ 20,000 events/s");
        atMost(targets, "query_p99_state", "query_p99_ms.state", 50, "p99 ≤ 50 ms");
        atMost(targets, "query_p99_drift", "query_p99_ms.drift", 50, "p99 ≤ 50 ms");
        atMost(targets, "query_p99_compliance", "query_p99_ms.compliance", 50, "p99 ≤ 50 ms");
        atMost(targets, "executor_vs_flyway", "executor.ratio", 1.2, "≤ 1.2× Flyway");
        atMost(targets, "peak_rss", "peak_rss_mib", 768, "≤ 768 MiB");
    }

    private void atLeast(ObjectNode targets, String name, String path, double bound, String text) {
        put(targets, name, path, text, value(path) == null ? null : value(path) >= bound);
    }

    private void atMost(ObjectNode targets, String name, String path, double bound, String text) {
        put(targets, name, path, text, value(path) == null ? null : value(path) <= bound);
    }

    private void put(ObjectNode targets, String name, String path, String text, Boolean met) {
        ObjectNode target = targets.putObject(name);
        target.put("figure", path);
        target.put("target", text);
        target.set("measured", node(path));
        target.put("met", met);
    }

    private Double value(String path) {
        JsonNode node = node(path);
        return node.isNumber() ? node.asDouble() : null;
    }

    private JsonNode node(String path) {
        JsonNode node = root;
        for (String part : path.split("\\.")) {
            node = node.path(part);
        }
        return node.isMissingNode() ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : node;
    }
}
