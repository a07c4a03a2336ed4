package dev.migrationledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The content of {@code bench/results/latest.json}: the headline figures as nested objects, the same figures
 * under their dotted names at the top level (so {@code .ingest.single_1client_per_s} and
 * {@code ["ingest.single_1client_per_s"]} both find them), targets, notes and the raw per-phase details.
 */
final class Results {

    /** The figures the issue asks for, by dotted path. */
    static final List<String> HEADLINE = List.of("ingest.single_1client_per_s", "ingest.single_8clients_per_s",
            "ingest.batch100_per_s", "ingest.sustained_facts_per_s", "receipts.end_to_end_per_s",
            "ingest.baseline_insert_commit_per_s", "ingest.baseline_insert_commit_8clients_per_s",
            "ingest.baseline_batch_insert_rows_per_s", "replay_events_per_s", "query_p99_ms.state", "query_p99_ms.drift",
            "query_p99_ms.compliance", "receipts.issue_per_s", "receipts.verify_per_s", "receipts.audit_s_per_million",
            "executor.ledger_s", "executor.flyway_s", "executor.ratio", "peak_rss_mib");

    private final ObjectNode root = LedgerClient.JSON.createObjectNode();

    Results(boolean quick) {
        root.put("quick", quick);
        root.put("date", Instant.now().toString());
    }

    ObjectNode root() {
        return root;
    }

    ObjectNode object(String name) {
        return root.has(name) ? (ObjectNode) root.get(name) : root.putObject(name);
    }

    ObjectNode detail(String name) {
        ObjectNode details = object("details");
        return details.has(name) ? (ObjectNode) details.get(name) : details.putObject(name);
    }

    ObjectNode notes() {
        return object("notes");
    }

    void machine(Map<String, String> postgres, String heap) {
        ObjectNode machine = object("machine");
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        machine.put("memory_mib", os.getTotalMemorySize() / (1024 * 1024));
        machine.put("load_average_at_start", Math.round(os.getSystemLoadAverage() * 100) / 100.0);
        machine.put("postgresql_version", postgres.get("server_version"));
        ObjectNode pg = machine.putObject("postgresql");
        postgres.forEach(pg::put);
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("service_heap", heap);
    }

    /** Lifts the headline figures out of the details, judges the targets and adds the dotted copies. */
    void summarize() {
        ObjectNode details = object("details");
        ObjectNode ingest = object("ingest");
        ingest.set("single_1client_per_s", details.path("ingest").path("single_1client").path("per_s"));
        ingest.set("single_8clients_per_s", details.path("ingest").path("single_8clients").path("per_s"));
        ingest.set("batch100_per_s", details.path("ingest").path("batch100").path("per_s"));
        ingest.set("baseline_insert_commit_per_s", details.path("baseline").path("insert_commit_1client").path("per_s"));
        ingest.set("baseline_insert_commit_8clients_per_s", details.path("baseline").path("insert_commit_8clients").path("per_s"));
        ingest.set("baseline_batch_insert_rows_per_s", details.path("baseline").path("batch_insert_100").path("per_s"));
        ingest.put("ratio_1client", ratio(ingest, "single_1client_per_s", "baseline_insert_commit_per_s"));
        ingest.put("ratio_8clients", ratio(ingest, "single_8clients_per_s", "baseline_insert_commit_8clients_per_s"));
        ingest.put("ratio_batch100", ratio(ingest, "batch100_per_s", "baseline_batch_insert_rows_per_s"));
        ingest.set("sustained_facts_per_s", details.path("sustained").path("sustained_facts_per_s"));
        ingest.put("ratio_sustained", ratio(ingest, "sustained_facts_per_s", "single_8clients_per_s"));
        ingest.put("projects", IngestBench.PROJECT_NOTE);
        root.set("replay_events_per_s", details.path("replay").path("events_per_s"));
        ObjectNode receipts = object("receipts");
        for (String key : List.of("issue_per_s", "verify_per_s", "verify_many_per_s", "verify_one_per_run_per_s",
                "verify_many_ratio", "audit_s_per_million", "fetch_p50_ms")) {
            receipts.set(key, details.path("receipts").path(key));
        }
        receipts.set("end_to_end_per_s", details.path("sustained").path("receipts_end_to_end_per_s"));
        receipts.put("end_to_end_ratio", ratio(receipts.path("end_to_end_per_s"), ingest.path("sustained_facts_per_s")));
        ObjectNode executor = object("executor");
        JsonNode generated = details.path("executor_generated");
        for (String key : List.of("ledger_s", "flyway_s", "ratio", "ledger_plan_plus_migrate_s")) {
            executor.set(key, generated.path(key));
        }
        executor.set("start", details.path("executor_start").isMissingNode() ? null : details.path("executor_start"));
        executor.set("marquez", details.path("executor_marquez").isMissingNode() ? null : details.path("executor_marquez"));
        executor.put("timed", "ledger_s is `ledger migrate` alone (project registered and `ledger plan` done before);"
                + " both sides are fresh JVM processes on fresh databases");
        for (String path : HEADLINE) {
            JsonNode value = at(path);
            root.set(path, value.isMissingNode() ? null : value);
        }
        new Targets(root).judge();
    }

    JsonNode at(String dottedPath) {
        JsonNode node = root;
        for (String part : dottedPath.split("\\.")) {
            node = node.path(part);
        }
        return node.isMissingNode() ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : node;
    }

    private static Double ratio(ObjectNode node, String measured, String baseline) {
        return ratio(node.path(measured), node.path(baseline));
    }

    private static Double ratio(JsonNode m, JsonNode b) {
        if (!m.isNumber() || !b.isNumber() || b.asDouble() == 0) {
            return null;
        }
        return Math.round(m.asDouble() / b.asDouble() * 1000) / 1000.0;
    }
}
