package dev.migrationledger.service.web;

import dev.migrationledger.service.LedgerIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Concurrent requests for one project are committed together (GroupCommitCommandBus): every fact is
 * recorded exactly once, each caller hears its own answer, and a refused command in the middle of a
 * batch costs the others nothing but a retry.
 */
class GroupCommitApiTest extends LedgerIntegrationTest {

    private static final int CLIENTS = 16;
    private static final int PER_CLIENT = 8;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MeterRegistry meters;

    Api ci;

    @BeforeEach
    void project() {
        Api admin = Api.admin(port, currentHome);
        ci = admin.as("ci-bot", "ci");
        String id = "group-" + System.nanoTime();
        assertThat(admin.post("/api/v1/projects", Map.of("id", id, "environments", List.of(Map.of("name", "dev"))))
                .status()).isEqualTo(201);
        project = id;
        List<Map<String, Object>> migrations = IntStream.rangeClosed(1, CLIENTS * PER_CLIENT)
                .mapToObj(v -> LifecycleApiTest.migration(String.valueOf(v), checksum(v), "ADDITIVE")).toList();
        assertThat(ci.post("/api/v1/projects/" + project + "/migrations", Map.of("migrations", migrations)).status())
                .isEqualTo(200);
    }

    String project;

    @Test
    void concurrentFactsForOneProjectAreEachRecordedOnceAndEachCallerHearsItsOwn() throws Exception {
        double batchedBefore = batchedCommands();
        List<Api.Response> answers = concurrently(v -> fact(v, checksum(v)));

        for (int v = 1; v <= answers.size(); v++) {
            Api.Response answer = answers.get(v - 1);
            assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
            assertThat(answer.body().path("facts").get(0).path("version").asText()).isEqualTo(String.valueOf(v));
            assertThat(answer.body().path("facts").get(0).path("replayed").asBoolean()).isFalse();
        }
        assertThat(applied()).as("every fact exactly once").isEqualTo(CLIENTS * PER_CLIENT);
        assertThat(batchedCommands() - batchedBefore)
                .as("with %d clients on one project some commands shared a commit", CLIENTS)
                .isGreaterThan(0);
    }

    @Test
    void aRefusedCommandInABatchLeavesItsNeighboursRecorded() throws Exception {
        // every fourth request repeats an execution id with other content: 409, recorded nothing
        for (int v = 4; v <= CLIENTS * PER_CLIENT; v += 4) {
            assertThat(fact(v, checksum(v)).status()).isEqualTo(200);
        }
        long before = applied();
        List<Api.Response> answers = concurrently(v -> v % 4 == 0 ? conflicting(v) : fact(v, checksum(v)));

        for (int v = 1; v <= answers.size(); v++) {
            Api.Response answer = answers.get(v - 1);
            if (v % 4 == 0) {
                assertThat(answer.status()).isEqualTo(409);
                assertThat(answer.reasonCodes()).containsExactly("IDEMPOTENCY_CONFLICT");
            } else {
                assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
                assertThat(answer.body().path("facts").get(0).path("replayed").asBoolean()).isFalse();
            }
        }
        assertThat(applied() - before).isEqualTo(CLIENTS * PER_CLIENT * 3 / 4);
    }

    private List<Api.Response> concurrently(java.util.function.IntFunction<Api.Response> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<List<Api.Response>>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                Callable<List<Api.Response>> work = () -> {
                    List<Api.Response> mine = new ArrayList<>();
                    for (int i = 0; i < PER_CLIENT; i++) {
                        mine.add(request.apply(i * CLIENTS + client + 1));
                    }
                    return mine;
                };
                clients.add(pool.submit(work));
            }
            Api.Response[] byVersion = new Api.Response[CLIENTS * PER_CLIENT];
            for (int c = 0; c < CLIENTS; c++) {
                List<Api.Response> mine = clients.get(c).get();
                for (int i = 0; i < PER_CLIENT; i++) {
                    byVersion[i * CLIENTS + c] = mine.get(i);
                }
            }
            return List.of(byVersion);
        } finally {
            pool.shutdownNow();
        }
    }

    private Api.Response fact(int version, String checksum) {
        return ci.post("/api/v1/projects/" + project + "/environments/dev/executions", Map.of("facts", List.of(
                LifecycleApiTest.fact("run/" + version, String.valueOf(version), checksum, "APPLIED"))));
    }

    private Api.Response conflicting(int version) {
        Map<String, Object> changed = new HashMap<>(
                LifecycleApiTest.fact("run/" + version, String.valueOf(version), checksum(version), "APPLIED"));
        changed.put("status", "FAILED");
        return ci.post("/api/v1/projects/" + project + "/environments/dev/executions", Map.of("facts", List.of(changed)));
    }

    private long applied() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE '%MigrationApplied'", Long.class, project);
    }

    /** Commands that were committed in a batch of more than one (group commit's own metric). */
    private double batchedCommands() {
        var summary = meters.find("ledger.commands.batch.size").summary();
        return summary == null ? 0 : summary.totalAmount() - summary.count();
    }

    private static String checksum(int version) {
        return DriftScanApiTest.sha("-- group " + version);
    }
}
