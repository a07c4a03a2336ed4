package dev.migrationledger.service.config;

import dev.migrationledger.ledger.domain.ProjectAggregate;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.SnapshotTrigger;
import org.axonframework.eventsourcing.Snapshotter;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SizeOrLoadTimeSnapshotTriggerTest {

    private final List<String> scheduled = new ArrayList<>();
    private final Snapshotter snapshotter = (type, id) -> scheduled.add(id);
    private Instant now = Instant.parse("2026-02-25T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    private SnapshotTrigger trigger() {
        return SizeOrLoadTimeSnapshotTrigger.definition(snapshotter, 3, Duration.ofMillis(200), clock)
                .prepareTrigger(ProjectAggregate.class);
    }

    private static GenericDomainEventMessage<String> event(long sequence) {
        return new GenericDomainEventMessage<>("ProjectAggregate", "billing-db", sequence, "event");
    }

    @Test
    void aProjectIsSnapshottedEveryThresholdEvents() {
        SnapshotTrigger trigger = trigger();
        trigger.initializationFinished();

        for (long i = 0; i < 7; i++) {
            trigger.eventHandled(event(i));
        }

        assertThat(scheduled).hasSize(2);
    }

    @Test
    void aSlowLoadSnapshotsAtTheNextEvent() {
        SnapshotTrigger trigger = trigger();
        trigger.eventHandled(event(0));
        now = now.plusMillis(250);
        trigger.initializationFinished();

        trigger.eventHandled(event(1));
        assertThat(scheduled).containsExactly("billing-db");

        trigger.eventHandled(event(2));
        assertThat(scheduled).as("after a snapshot only the count decides").hasSize(1);
    }

    @Test
    void aFastLoadWaitsForTheCount() {
        SnapshotTrigger trigger = trigger();
        trigger.eventHandled(event(0));
        now = now.plusMillis(50);
        trigger.initializationFinished();

        trigger.eventHandled(event(1));

        assertThat(scheduled).isEmpty();
    }

    @Test
    void aLargeProjectIsSnapshottedInProportionToItsSize() {
        SnapshotTrigger trigger = trigger();
        trigger.initializationFinished();

        // the last snapshot holds sequences up to 10,000
        for (long i = 10_001; i < 12_500; i++) {
            trigger.eventHandled(event(i));
        }
        assertThat(scheduled).as("a snapshot of 10,000 events waits for a quarter as many more").isEmpty();
        trigger.eventHandled(event(12_500));
        assertThat(scheduled).hasSize(1);
        for (long i = 12_501; i < 15_625; i++) {
            trigger.eventHandled(event(i));
        }
        assertThat(scheduled).hasSize(1);
        trigger.eventHandled(event(15_625));
        assertThat(scheduled).hasSize(2);
    }
}
