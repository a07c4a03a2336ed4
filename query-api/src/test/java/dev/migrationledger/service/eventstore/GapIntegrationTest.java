package dev.migrationledger.service.eventstore;

import dev.migrationledger.ledger.api.ProjectRegistered;
import dev.migrationledger.service.LedgerIntegrationTest;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Global indexes are taken when a row is inserted but become visible when its transaction commits,
 * so a streaming processor sees gaps. An event whose transaction commits after the gap timeout is
 * skipped for good; the Merkle log would then miss it. This holds a transaction open well past the
 * processors' polling and proves the late event is still delivered.
 */
class GapIntegrationTest extends LedgerIntegrationTest {

    static final Set<String> seen = ConcurrentHashMap.newKeySet();

    @TestConfiguration
    static class Probe {
        @Bean
        GapProbe gapProbe() {
            return new GapProbe();
        }
    }

    @ProcessingGroup("gap-probe")
    static class GapProbe {
        @EventHandler
        void on(ProjectRegistered event, EventMessage<?> message) {
            seen.add(event.project());
        }
    }

    @Autowired
    EventStore eventStore;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    private static GenericDomainEventMessage<ProjectRegistered> registration(String project) {
        Instant now = Instant.now();
        return new GenericDomainEventMessage<>("ProjectAggregate", project, 0,
                new ProjectRegistered(project, List.of(), now, now, "test"));
    }

    @Test
    void anEventCommittedLateIsStillSeenByStreamingProcessors() throws Exception {
        CountDownLatch inserted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> slowWriter = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(tx -> {
            eventStore.publish(registration("late-writer"));
            inserted.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertThat(inserted.await(30, TimeUnit.SECONDS)).isTrue();

        eventStore.publish(registration("early-writer"));
        await().atMost(Duration.ofSeconds(30)).until(() -> seen.contains("early-writer"));
        // keep the gap open across many polling rounds of the processor before committing
        await().pollDelay(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(seen).doesNotContain("late-writer");

        release.countDown();
        slowWriter.get(30, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(30)).until(() -> seen.contains("late-writer"));
        // and the read model applied it: the late event arrives with a token whose position is the
        // early event's index, so a projection that trusted that position would drop it as seen
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT id FROM projection_project WHERE id IN ('early-writer', 'late-writer')", String.class))
                .containsExactlyInAnyOrder("early-writer", "late-writer"));
    }
}
