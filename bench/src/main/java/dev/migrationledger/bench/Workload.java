package dev.migrationledger.bench;

import dev.migrationledger.ledger.domain.Checksum;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Request bodies for a project with {@code environments} environments (e0 … e{n-1}) and {@code versions}
 * planned migrations (1 … n). Facts are handed out as slots: slot s applies version (s mod n) + 1 in
 * environment s / n, so every fact is a distinct (environment, version) pair applied in version order — the
 * shape of real pipelines, and no fact is a re-apply the rules would have to explain.
 */
final class Workload {

    private final String project;
    private final int environments;
    private final int versions;
    private final String runTag;
    private final AtomicInteger nextSlot = new AtomicInteger();

    Workload(String project, int environments, int versions, String runTag) {
        this.project = project;
        this.environments = environments;
        this.versions = versions;
        this.runTag = runTag;
    }

    String project() {
        return project;
    }

    int capacity() {
        return environments * versions;
    }

    /** Every environment authorizes every change without approvals or backups (the bench measures recording). */
    String registration() {
        StringJoiner envs = new StringJoiner(",");
        for (int e = 0; e < environments; e++) {
            envs.add("{\"name\":\"e" + e + "\",\"policy\":{\"backupRequiredFor\":[]}}");
        }
        return "{\"id\":\"" + project + "\",\"environments\":[" + envs + "]}";
    }

    /** Plans versions [from, to] (1-based, inclusive); at most 1,000 per request. */
    String plan(int from, int to) {
        StringJoiner migrations = new StringJoiner(",");
        for (int v = from; v <= to; v++) {
            migrations.add("{\"version\":\"" + v + "\",\"description\":\"create table t" + v + "\",\"checksum\":\""
                    + checksum(v) + "\",\"changeClass\":\"ADDITIVE\",\"risk\":\"LOW\",\"phase\":\"NONE\","
                    + "\"rollback\":\"FORWARD_FIX\",\"ticket\":\"OPS-" + v + "\",\"author\":\"alice\"}");
        }
        return "{\"migrations\":[" + migrations + "]}";
    }

    /** Takes {@code count} consecutive slots (never across an environment), or returns -1 when exhausted. */
    int takeSlots(int count) {
        while (true) {
            int slot = nextSlot.get();
            int start = slot % versions + count > versions ? (slot / versions + 1) * versions : slot;
            if (start + count > capacity()) {
                return -1;
            }
            if (nextSlot.compareAndSet(slot, start + count)) {
                return start;
            }
        }
    }

    String environmentOf(int slot) {
        return "e" + slot / versions;
    }

    /** The facts of {@code count} slots from {@code first}, all in one environment. */
    String facts(int first, int count) {
        StringJoiner facts = new StringJoiner(",");
        for (int slot = first; slot < first + count; slot++) {
            int v = slot % versions + 1;
            facts.add("{\"executionId\":\"" + runTag + "/" + project + "/" + slot + "\",\"version\":\"" + v
                    + "\",\"checksum\":\"" + checksum(v) + "\",\"status\":\"APPLIED\","
                    + "\"startedAt\":\"2026-05-01T10:00:00Z\",\"finishedAt\":\"2026-05-01T10:00:01Z\","
                    + "\"gitSha\":\"4b825dc642cb6eb9a060e54bf8d69288fbee4904\","
                    + "\"pipelineUrl\":\"https://ci.example.com/runs/" + slot + "\",\"tool\":\"ledger\"}");
        }
        return "{\"facts\":[" + facts + "]}";
    }

    String factsPath(int slot) {
        return "/projects/" + project + "/environments/" + environmentOf(slot) + "/executions";
    }

    static String checksum(int version) {
        return Checksum.ofBytes(("CREATE TABLE t" + version + " (id bigint primary key);\n")
                .getBytes(StandardCharsets.UTF_8)).hex();
    }

    /** Registers the project and plans every version, 1,000 per request. */
    void setUp(LedgerClient client, String adminToken, String ciToken) throws Exception {
        client.api("POST", "/projects", adminToken, registration());
        for (int from = 1; from <= versions; from += 1000) {
            client.api("POST", "/projects/" + project + "/migrations", ciToken, plan(from, Math.min(versions, from + 999)));
        }
    }
}
