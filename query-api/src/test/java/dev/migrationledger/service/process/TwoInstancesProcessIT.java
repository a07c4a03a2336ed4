package dev.migrationledger.service.process;

import dev.migrationledger.ledger.testing.TestPostgres;
import dev.migrationledger.service.web.Api;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SPEC §9 scale-out: two service processes on one PostgreSQL and one LEDGER_HOME. Writes go through
 * both at once, to different projects and to the same one (the instances then race on the project's
 * sequence numbers and retry); each processor segment is owned by one instance at a time; when the
 * owner is killed the other instance claims its segments once the claim times out, and carries on.
 */
class TwoInstancesProcessIT {

    private static final List<String> ENVIRONMENTS = List.of("shared/dev", "alpha/dev", "beta/dev");

    @Test
    void twoInstancesShareTheLedgerAndTakeOverEachOthersSegments() throws Exception {
        TestPostgres.Database database = TestPostgres.freshDatabase("two_instances");
        Path home = ServiceJar.newHome("two-instances");
        StoredFacts store = new StoredFacts(database);
        try (ServiceProcess first = new ServiceProcess(database, home); ServiceProcess second = new ServiceProcess(database, home)) {
            // both at once: the first-start bootstrap (admin token, schema) must cope with a twin
            CompletableFuture<Duration> starting = CompletableFuture.supplyAsync(second::start);
            first.start();
            starting.join();
            Api admin = first.admin();
            for (String project : List.of("shared", "alpha", "beta")) {
                assertThat(admin.post("/api/v1/projects", Map.of("id", project, "environments",
                        List.of(Map.of("name", "dev")))).status()).isEqualTo(201);
            }
            Api ciOnFirst = admin.as("ci-bot", "ci");
            Api ciOnSecond = Api.anonymous(second.port()).withToken(ciOnFirst.token());
            FactLoad load = new FactLoad(List.of(ciOnFirst, ciOnSecond), List.of(
                    new FactLoad.Lane(0, "shared", "dev"), new FactLoad.Lane(1, "shared", "dev"),
                    new FactLoad.Lane(0, "alpha", "dev"), new FactLoad.Lane(1, "beta", "dev")), "twin").start();
            await().atMost(Duration.ofSeconds(60)).until(() -> load.acknowledged.size() >= 150);
            load.stop();
            // both instances serve the same read models: once caught up, they give the same answers
            Api readerOnSecond = Api.anonymous(second.port()).withToken(ciOnFirst.token());
            for (String environment : ENVIRONMENTS) {
                String state = "/api/v1/projects/" + environment.replace("/", "/environments/") + "/state";
                long expected = store.appliedPerEnvironment().getOrDefault(environment, 0L);
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    assertThat(ciOnFirst.get(state).body().path("applied").size()).isEqualTo((int) expected);
                    assertThat(readerOnSecond.get(state).body().path("applied")).isEqualTo(ciOnFirst.get(state).body().path("applied"));
                });
            }
            FactLoad afterKill = new FactLoad(List.of(ciOnFirst, ciOnSecond), List.of(
                    new FactLoad.Lane(0, "shared", "dev"), new FactLoad.Lane(1, "shared", "dev"),
                    new FactLoad.Lane(0, "alpha", "dev"), new FactLoad.Lane(1, "beta", "dev")), "twin-b").start();

            Map<String, String> owners = store.segmentOwners();
            assertThat(owners).isNotEmpty();
            assertThat(owners.values()).as("every segment is claimed by one live instance")
                    .allSatisfy(owner -> assertThat(owner).isNotNull());
            String ownerPid = owners.values().iterator().next().split("@")[0];
            ServiceProcess owner = ownerPid.equals(String.valueOf(first.pid())) ? first : second;
            ServiceProcess survivor = owner == first ? second : first;

            long killed = System.nanoTime();
            owner.kill();
            await().atMost(Duration.ofSeconds(45)).until(() -> store.segmentOwners().entrySet().stream()
                    .filter(e -> e.getValue() != null).allMatch(e -> e.getValue().startsWith(survivor.pid() + "@"))
                    && store.segmentOwners().values().stream().noneMatch(java.util.Objects::isNull));
            Duration takeover = Duration.ofNanos(System.nanoTime() - killed);
            int beforeSurvivorOnly = afterKill.acknowledged.size();
            await().atMost(Duration.ofSeconds(30)).until(() -> afterKill.acknowledged.size() >= beforeSurvivorOnly + 50);
            afterKill.stop();

            assertThat(load.unexpected).as("answers other than 2xx or 503 + Retry-After").isEmpty();
            assertThat(afterKill.unexpected).as("answers other than 2xx or 503 + Retry-After").isEmpty();
            Map<String, Long> stored = store.appliedPerExecutionId();
            assertThat(load.acknowledged.keySet()).allSatisfy(id -> assertThat(stored.get(id)).as(id).isEqualTo(1L));
            assertThat(afterKill.acknowledged.keySet()).allSatisfy(id -> assertThat(stored.get(id)).as(id).isEqualTo(1L));
            assertThat(load.partiallyStored(stored)).isEmpty();
            assertThat(afterKill.partiallyStored(stored)).isEmpty();
            assertThat(stored.values()).as("no fact recorded twice").allMatch(n -> n == 1L);
            assertThat(store.duplicateSequenceNumbers()).isZero();

            Api reader = Api.anonymous(survivor.port()).withToken(ciOnFirst.token());
            Map<String, Long> perEnvironment = store.appliedPerEnvironment();
            for (String environment : ENVIRONMENTS) {
                String[] parts = environment.split("/");
                long expected = perEnvironment.getOrDefault(environment, 0L);
                assertThat(expected).isPositive();
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(reader.get("/api/v1/projects/"
                        + parts[0] + "/environments/" + parts[1] + "/state").body().path("applied").size())
                        .isEqualTo((int) expected));
            }
            for (ServiceProcess instance : List.of(first, second)) {
                assertThat(instance.output()).doesNotContain(admin.token()).doesNotContain(ciOnFirst.token());
            }

            Figures.write("two-instances", Map.of(
                    "factsAcknowledged", load.acknowledged.size() + afterKill.acknowledged.size(),
                    "factsLost", java.util.stream.Stream.concat(load.acknowledged.keySet().stream(),
                            afterKill.acknowledged.keySet().stream()).filter(id -> !stored.containsKey(id)).count(),
                    "answered503", load.count(503) + afterKill.count(503),
                    "connectionErrorsRetried", load.connectionErrors.sum() + afterKill.connectionErrors.sum(),
                    "segmentsOwnedBeforeKill", owners,
                    "takeoverAfterKill", takeover.toMillis() + " ms"));
        }
    }
}
