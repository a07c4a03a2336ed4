package dev.migrationledger.service.process;

import dev.migrationledger.ledger.testing.TestPostgres;
import dev.migrationledger.service.web.Api;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SPEC R9 under power cuts: clients record facts while the service process is killed with SIGKILL
 * and restarted, again and again. Clients resend unacknowledged requests with the same executionIds.
 * Afterwards every acknowledged fact is in the store exactly once, and the read model agrees with it.
 */
class KillRestartProcessIT {

    private static final int KILLS = Integer.getInteger("reliability.kills", 20);

    @Test
    void noAcknowledgedFactIsLostOrDoubledWhenTheServiceIsKilled() throws Exception {
        TestPostgres.Database database = TestPostgres.freshDatabase("kill_restart");
        Path home = ServiceJar.newHome("kill");
        StoredFacts store = new StoredFacts(database);
        List<Duration> restarts = new ArrayList<>();
        Random random = new Random(20260501);
        long begin = System.nanoTime();
        try (ServiceProcess service = new ServiceProcess(database, home)) {
            service.start();
            Api admin = service.admin();
            assertThat(admin.post("/api/v1/projects", Map.of("id", "kills", "environments",
                    List.of(Map.of("name", "dev"), Map.of("name", "prod"))))
                    .status()).isEqualTo(201);
            Api ci = admin.as("ci-bot", "ci");
            FactLoad load = new FactLoad(List.of(ci), List.of(new FactLoad.Lane(0, "kills", "dev"),
                    new FactLoad.Lane(0, "kills", "dev"), new FactLoad.Lane(0, "kills", "prod")), "kill").start();
            for (int kill = 0; kill < KILLS; kill++) {
                // a short burst: the clients are writing when the process dies
                int before = load.acknowledged.size();
                await().atMost(Duration.ofSeconds(60)).until(() -> load.acknowledged.size() > before);
                ServiceProcess.pause(100 + random.nextInt(400));
                service.kill();
                restarts.add(service.start());
            }
            load.stop();

            assertThat(load.unexpected).as("answers other than 2xx or 503 + Retry-After").isEmpty();
            Map<String, Long> stored = store.appliedPerExecutionId();
            assertThat(load.acknowledged).isNotEmpty();
            assertThat(load.acknowledged.keySet()).allSatisfy(id -> assertThat(stored.get(id)).as(id).isEqualTo(1L));
            assertThat(stored.values()).as("no fact recorded twice").allMatch(n -> n == 1L);
            assertThat(load.partiallyStored(stored)).as("batches stored in part").isEmpty();
            assertThat(store.duplicateSequenceNumbers()).isZero();

            // the read model caught up with everything stored, nothing skipped across the kills
            Map<String, Long> perEnvironment = store.appliedPerEnvironment();
            for (String env : List.of("dev", "prod")) {
                long expected = perEnvironment.getOrDefault("kills/" + env, 0L);
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                        ci.get("/api/v1/projects/kills/environments/" + env + "/state").body().path("applied").size())
                        .isEqualTo((int) expected));
            }
            String integrity = MerkleLogCheck.verify(ci, store.events());

            String output = service.output();
            assertThat(output).as("no secret in the service's log").doesNotContain(admin.token()).doesNotContain(ci.token());
            assertThat(output).contains("Started LedgerApplication");

            Figures.write("kill-restart", Map.of(
                    "kills", KILLS,
                    "factsAcknowledged", load.acknowledged.size(),
                    "factsStored", stored.size(),
                    "factsLost", load.acknowledged.keySet().stream().filter(id -> !stored.containsKey(id)).count(),
                    "factsDoubled", stored.values().stream().filter(n -> n > 1).count(),
                    "connectionErrorsRetried", load.connectionErrors.sum(),
                    "restartToHealthy", Figures.spread(restarts),
                    "merkleLog", integrity,
                    "wallClock", Duration.ofNanos(System.nanoTime() - begin).toSeconds() + " s"));
        }
    }
}
