package dev.migrationledger.service.process;

import dev.migrationledger.ledger.testing.TestPostgres;
import dev.migrationledger.service.web.Api;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SPEC R9 under power cuts: clients record facts while the service process is killed with SIGKILL
 * and restarted, again and again. Clients resend unacknowledged requests with the same executionIds.
 * Afterwards every acknowledged fact is in the store exactly once, and the read model agrees with it.
 * On an external PostgreSQL, and on the embedded default, whose postmaster outlives every kill of the
 * service: each plain restart must find it, stop it and start its own.
 */
class KillRestartProcessIT {

    // 8 kills per server keep `verify` within its budget; the long run takes -Dreliability.kills=40
    private static final int KILLS = Integer.getInteger("reliability.kills", 8);

    @Test
    void noAcknowledgedFactIsLostOrDoubledWhenTheServiceIsKilled() {
        TestPostgres.Database database = TestPostgres.freshDatabase("kill_restart");
        Path home = ServiceJar.newHome("kill");
        try (ServiceProcess service = new ServiceProcess(database, home)) {
            Map<String, Object> figures = killAndRestart(service, () -> database);
            Figures.write("kill-restart", figures);
        }
    }

    @Test
    void theEmbeddedDefaultKeepsEveryAcknowledgedFactAcrossKillsAndPlainRestarts() {
        Path home = ServiceJar.newHome("kill-embedded");
        EmbeddedCluster cluster = new EmbeddedCluster(home);
        try (ServiceProcess service = ServiceProcess.embedded(home)) {
            Map<String, Object> figures = killAndRestart(service, cluster::database);

            String output = service.output();
            assertThat(count(output, "Found PostgreSQL \\(PID \\d+, port \\d+\\) still running on")).as("orphans found")
                    .isEqualTo(KILLS);
            assertThat(count(output, "Stopped the earlier PostgreSQL \\(PID \\d+\\) by fast shutdown")).isEqualTo(KILLS);
            assertThat(output).doesNotContain("lock file \"postmaster.pid\" already exists");
            for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
                assertThat(cluster.show(setting)).as(setting).isEqualTo("on");
            }

            int mark = service.outputMark();
            long postmaster = cluster.postmasterPid();
            Duration stop = service.stop();
            CleanStop.assertLogged(service.outputSince(mark));
            assertThat(EmbeddedCluster.alive(postmaster)).as("the embedded postmaster stopped with the service").isFalse();
            assertThat(cluster.running()).isFalse();
            figures.put("sigtermStop", stop.toMillis() + " ms, exit code " + service.exitCode() + ", no exception logged");
            Figures.write("kill-restart-embedded", figures);
        }
    }

    /** The load, the kills, the restarts and every check on what the store holds afterwards. */
    private static Map<String, Object> killAndRestart(ServiceProcess service, Supplier<TestPostgres.Database> database) {
        List<Duration> restarts = new ArrayList<>();
        Random random = new Random(20260501);
        long begin = System.nanoTime();
        service.start();
        Api ci = service.ciWithProject("kills", "dev", "prod");
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

        StoredFacts store = new StoredFacts(database.get());
        Map<String, Long> stored = store.assertKeepsEveryAcknowledgedFactOnce(load);

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
        assertThat(output).as("no secret in the service's log").doesNotContain(service.admin().token())
                .doesNotContain(ci.token());
        assertThat(output).contains("Started LedgerApplication");

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("kills", KILLS);
        figures.put("factsAcknowledged", load.acknowledged.size());
        figures.put("factsStored", stored.size());
        figures.put("factsLost", load.acknowledged.keySet().stream().filter(id -> !stored.containsKey(id)).count());
        figures.put("factsDoubled", stored.values().stream().filter(n -> n > 1).count());
        figures.put("connectionErrorsRetried", load.connectionErrors.sum());
        figures.put("restartToHealthy", Figures.spread(restarts));
        figures.put("merkleLog", integrity);
        figures.put("wallClock", Duration.ofNanos(System.nanoTime() - begin).toSeconds() + " s");
        return figures;
    }

    private static long count(String text, String regex) {
        return Pattern.compile(regex).matcher(text).results().count();
    }
}
