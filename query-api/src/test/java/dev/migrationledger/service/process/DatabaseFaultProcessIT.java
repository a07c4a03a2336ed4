package dev.migrationledger.service.process;

import dev.migrationledger.ledger.testing.TestPostgres;
import dev.migrationledger.service.web.Api;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The database drops the service's connections under load (pg_terminate_backend, as a failover or a
 * DBA would): requests in flight fail cleanly with 503 + Retry-After or succeed, never 500 and never
 * half-recorded; the service recovers by itself; the processors resume without skipping an event.
 */
class DatabaseFaultProcessIT {

    private static final int FAULTS = Integer.getInteger("reliability.db-faults", 6);
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(10);

    @Test
    void terminatedConnectionsCostRetriesNeverFactsOrConsistency() throws Exception {
        TestPostgres.Database database = TestPostgres.freshDatabase("db_faults");
        Path home = ServiceJar.newHome("db-faults");
        StoredFacts store = new StoredFacts(database);
        List<Duration> recoveries = new ArrayList<>();
        int terminated = 0;
        try (ServiceProcess service = new ServiceProcess(database, home)) {
            service.start();
            Api ci = service.ciWithProject("faults", "dev");
            FactLoad load = new FactLoad(List.of(ci), List.of(new FactLoad.Lane(0, "faults", "dev"),
                    new FactLoad.Lane(0, "faults", "dev"), new FactLoad.Lane(0, "faults", "dev")), "fault").start();
            for (int fault = 0; fault < FAULTS; fault++) {
                int before = load.acknowledged.size();
                await().atMost(Duration.ofSeconds(30)).until(() -> load.acknowledged.size() > before + 10);
                long cut = System.nanoTime();
                terminated += store.terminateServiceConnections();
                await().atMost(RECOVERY_LIMIT).until(() -> load.recoveryAfter(cut) != null);
                recoveries.add(load.recoveryAfter(cut));
            }
            load.stop();

            Map<String, Long> stored = store.assertKeepsEveryAcknowledgedFactOnce(load);
            assertThat(load.count(500)).isZero();

            // the processors' handlers were cut mid-transaction too: the read model must still hold every fact
            long expected = store.appliedPerEnvironment().getOrDefault("faults/dev", 0L);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                    ci.get("/api/v1/projects/faults/environments/dev/state").body().path("applied").size())
                    .isEqualTo((int) expected));
            String integrity = MerkleLogCheck.verify(ci, store.events());
            assertThat(service.output()).doesNotContain(service.admin().token()).doesNotContain(ci.token());

            Figures.write("database-faults", Map.of(
                    "faults", FAULTS,
                    "connectionsTerminated", terminated,
                    "factsAcknowledged", load.acknowledged.size(),
                    "factsLost", load.acknowledged.keySet().stream().filter(id -> !stored.containsKey(id)).count(),
                    "answered503", load.count(503),
                    "answered500", load.count(500),
                    "recoveryToNext2xx", Figures.spread(recoveries),
                    "merkleLog", integrity));
        }
    }
}
