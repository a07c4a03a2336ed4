package dev.migrationledger.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Facts recorded per second through {@code POST …/executions}, and the same shape of rows inserted by plain
 * JDBC on the same server. Each phase writes to its own {@value #PROJECTS} fresh projects, requests spread
 * round-robin, so with 8 clients two requests for one project are often in flight at once and wait for
 * each other on Axon's per-aggregate lock, as a busy project's pipelines would.
 */
final class IngestBench {

    static final int PROJECTS = 4;
    static final String PROJECT_NOTE = PROJECTS + " projects per phase, requests round-robin across them (8 clients:"
            + " two requests for one project are often in flight; Axon's per-aggregate lock serializes them within the"
            + " instance); every fact applies a"
            + " distinct planned version in one of 10 environments, so each fact is one MigrationApplied event";

    private final ServiceProcess service;
    private final String ciToken;
    private final Sizes sizes;
    private final String runTag;

    IngestBench(ServiceProcess service, String ciToken, Sizes sizes, String runTag) {
        this.service = service;
        this.ciToken = ciToken;
        this.sizes = sizes;
        this.runTag = runTag;
    }

    /** Warms the service's JIT and pools on throw-away projects, then measures the three HTTP phases. */
    ObjectNode measureService(ObjectNode out) throws Exception {
        phase("warmup", 8, 1, sizes.warmup());
        out.set("single_1client", describe(phase("single1", 1, 1, sizes.phase())));
        out.set("single_8clients", describe(phase("single8", 8, 1, sizes.phase())));
        out.set("batch100", describe(phase("batch100", 1, 100, sizes.phase())));
        return out;
    }

    ClosedLoop.Result phase(String name, int clients, int factsPerRequest, Duration duration) throws Exception {
        List<Workload> projects = new ArrayList<>();
        for (int p = 0; p < PROJECTS; p++) {
            Workload workload = new Workload("ingest-" + name + "-" + p, 10, sizes.ingestVersions(), runTag);
            workload.setUp(service.client, service.adminToken, ciToken);
            projects.add(workload);
        }
        AtomicInteger next = new AtomicInteger();
        return ClosedLoop.run(clients, duration, client -> {
            for (int tries = 0; tries < PROJECTS; tries++) {
                Workload project = projects.get(Math.floorMod(next.getAndIncrement(), PROJECTS));
                int slot = project.takeSlots(factsPerRequest);
                if (slot >= 0) {
                    LedgerClient.Answer answer = service.client.send("POST", "/api/v1" + project.factsPath(slot),
                            ciToken, project.facts(slot, factsPerRequest));
                    if (answer.status() != 200) {
                        throw new IllegalStateException("facts → " + answer.status() + " " + answer.body());
                    }
                    return factsPerRequest;
                }
            }
            return -1;
        });
    }

    /** The baselines, with the payload and metadata sizes the service actually stored for its facts. */
    ObjectNode measureBaseline(BenchPostgres.Database serviceDb, BenchPostgres.Database baselineDb, ObjectNode out)
            throws Exception {
        int payload;
        int metadata;
        try (Connection c = serviceDb.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT avg(octet_length(payload)), avg(coalesce(octet_length(meta_data), 0))"
                     + " FROM domain_event_entry WHERE payload_type LIKE '%MigrationApplied'")) {
            rs.next();
            payload = (int) Math.round(rs.getDouble(1));
            metadata = (int) Math.round(rs.getDouble(2));
        }
        out.put("row_payload_bytes", payload);
        out.put("row_metadata_bytes", metadata);
        InsertBaseline baseline = new InsertBaseline(baselineDb, payload, metadata);
        baseline.insertCommit(8, sizes.warmup());
        out.set("insert_commit_1client", describe(baseline.insertCommit(1, sizes.phase())));
        out.set("insert_commit_8clients", describe(baseline.insertCommit(8, sizes.phase())));
        out.set("batch_insert_100", describe(baseline.batchInsert(100, sizes.phase())));
        return out;
    }

    static ObjectNode describe(ClosedLoop.Result result) {
        ObjectNode node = LedgerClient.JSON.createObjectNode();
        node.put("items", result.items());
        node.put("requests", result.requests());
        node.put("seconds", Math.round(result.seconds() * 1000) / 1000.0);
        node.put("per_s", Math.round(result.perSecond() * 10) / 10.0);
        node.put("machine_cpu_busy_pct", result.machineBusyPercent());
        return node;
    }
}
