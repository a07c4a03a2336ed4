package dev.migrationledger.service.process;

import dev.migrationledger.service.web.Api;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The embedded default's database crashes under load: its postmaster and every backend are SIGKILLed
 * at once (the OOM killer, a cgroup kill), again and again, and finally the service and its database
 * together (a power cut for both). PostgreSQL's crash recovery must bring back every acknowledged fact,
 * the service must restart its server by itself, and a plain restart after the power cut must start on
 * the lock file the dead server left. Ends with Ctrl-C (SIGINT), which must stop everything in order.
 */
class EmbeddedPostgresCrashProcessIT {

    private static final int CRASHES = Integer.getInteger("reliability.postgres-crashes", 5);
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(60);

    @Test
    void crashRecoveryKeepsEveryAcknowledgedFactAndTheServiceCarriesOn() {
        Path home = ServiceJar.newHome("pg-crash");
        EmbeddedCluster cluster = new EmbeddedCluster(home);
        List<Duration> recoveries = new ArrayList<>();
        try (ServiceProcess service = ServiceProcess.embedded(home)) {
            service.start();
            Api ci = service.ciWithProject("crashes", "dev");
            FactLoad load = new FactLoad(List.of(ci), List.of(new FactLoad.Lane(0, "crashes", "dev"),
                    new FactLoad.Lane(0, "crashes", "dev"), new FactLoad.Lane(0, "crashes", "dev")), "crash").start();
            for (int crash = 0; crash < CRASHES; crash++) {
                int before = load.acknowledged.size();
                await().atMost(Duration.ofSeconds(60)).until(() -> load.acknowledged.size() > before + 5);
                long killedPid = cluster.postmasterPid();
                long cut = System.nanoTime();
                cluster.killServer();
                // a request sent between cut and the kill landing may still be answered by the old server
                long dead = System.nanoTime();
                await().atMost(RECOVERY_LIMIT).until(() -> load.recoveryAfter(dead) != null);
                recoveries.add(load.recoveryAfter(dead).plusNanos(dead - cut));
                assertThat(cluster.postmasterPid()).isNotEqualTo(killedPid);
            }

            // a power cut for both: the service first, so that nothing restarts the database
            int before = load.acknowledged.size();
            await().atMost(Duration.ofSeconds(60)).until(() -> load.acknowledged.size() > before + 5);
            service.kill();
            long deadPostmaster = cluster.postmasterPid();
            cluster.killServer();
            Duration restart = service.start();
            int afterRestart = load.acknowledged.size();
            await().atMost(Duration.ofSeconds(60)).until(() -> load.acknowledged.size() > afterRestart + 5);
            load.stop();

            StoredFacts store = new StoredFacts(cluster.database());
            Map<String, Long> stored = store.assertKeepsEveryAcknowledgedFactOnce(load);
            assertThat(load.count(500)).isZero();
            long expected = store.appliedPerEnvironment().getOrDefault("crashes/dev", 0L);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                    ci.get("/api/v1/projects/crashes/environments/dev/state").body().path("applied").size())
                    .isEqualTo((int) expected));
            String integrity = MerkleLogCheck.verify(ci, store.events());

            String output = service.output();
            assertThat(count(output, "The embedded PostgreSQL \\(PID \\d+\\) is gone; starting it again")).isEqualTo(CRASHES);
            // the dead postmaster's lock file: left to crash recovery, or moved aside while its PID is an unreaped zombie
            assertThat(output).containsAnyOf("(PID " + deadPostmaster + ") did not shut down cleanly",
                    "names PID " + deadPostmaster + ", which is not a running PostgreSQL");
            assertThat(output).doesNotContain(service.admin().token()).doesNotContain(ci.token());
            String serverLog = serverLog(home);
            assertThat(count(serverLog, "database system was interrupted")).as("crash recoveries in the server's log")
                    .isEqualTo(CRASHES + 1L);

            int mark = service.outputMark();
            long postmaster = cluster.postmasterPid();
            // a JVM started with SIGINT ignored (a build run in the background without job control) keeps ignoring it
            boolean interruptible = !service.ignoresInterrupt();
            Duration stop = service.signal(interruptible ? "INT" : "TERM");
            assertThat(service.exitCode()).as("Ctrl-C's exit code, which spring-boot:run takes as a clean stop")
                    .isEqualTo(interruptible ? 130 : 143);
            CleanStop.assertLogged(service.outputSince(mark));
            assertThat(EmbeddedCluster.alive(postmaster)).isFalse();

            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("postgresCrashes", CRASHES + " (SIGKILL of the postmaster and all its backends)");
            figures.put("recoveryToNext2xx", Figures.spread(recoveries));
            figures.put("powerCutRestartToHealthy", restart.toMillis() + " ms");
            figures.put("factsAcknowledged", load.acknowledged.size());
            figures.put("factsLost", load.acknowledged.keySet().stream().filter(id -> !stored.containsKey(id)).count());
            figures.put("answered503", load.count(503));
            figures.put("connectionErrorsRetried", load.connectionErrors.sum());
            figures.put("merkleLog", integrity);
            figures.put(interruptible ? "ctrlCStop" : "termStop (SIGINT ignored by this build's shell)",
                    stop.toMillis() + " ms, exit code " + service.exitCode() + ", no exception logged");
            Figures.write("embedded-postgres-crash", figures);
        }
    }

    private static String serverLog(Path home) {
        try (Stream<Path> files = Files.list(home.resolve("pgdata").resolve("log"))) {
            StringBuilder all = new StringBuilder();
            for (Path file : files.sorted().toList()) {
                all.append(Files.readString(file));
            }
            return all.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long count(String text, String regex) {
        return Pattern.compile(regex).matcher(text).results().count();
    }
}
