package dev.migrationledger.service.config;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.AbstractSnapshotTrigger;
import org.axonframework.eventsourcing.SnapshotTrigger;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;

import java.time.Clock;
import java.time.Duration;

/**
 * Snapshots a project when it has gained {@code events} events since its last snapshot, and at least a quarter
 * of the events it had then, or sooner when loading it took {@code loadTime} or longer (its events are large:
 * imports, drift scans) and at least one event came after the snapshot. Counting alone snapshotted small
 * projects as often as heavy ones; load time alone never snapshotted a project that stays in the cache. A
 * snapshot is the whole state, which grows with the project's events: with a fixed count, a large project
 * re-serialized all of it every 100 facts (11 % of the service's samples under ingest). A count in
 * proportion keeps the snapshotting per event constant, and a load still replays at most a quarter of what the
 * snapshot holds.
 */
final class SizeOrLoadTimeSnapshotTrigger extends AbstractSnapshotTrigger {

    private static final long serialVersionUID = 1L;

    private final int events;
    private final long loadTimeMillis;
    private final Clock clock;
    private final long loadStarted;
    private long loadMillis = -1;
    private int counted;
    private long sequence;

    private SizeOrLoadTimeSnapshotTrigger(Snapshotter snapshotter, Class<?> aggregateType, int events,
                                          Duration loadTime, Clock clock) {
        super(snapshotter, aggregateType);
        this.events = events;
        this.loadTimeMillis = loadTime.toMillis();
        this.clock = clock;
        this.loadStarted = clock.millis();
    }

    static SnapshotTriggerDefinition definition(Snapshotter snapshotter, int events, Duration loadTime, Clock clock) {
        return new SnapshotTriggerDefinition() {
            @Override
            public SnapshotTrigger prepareTrigger(Class<?> aggregateType) {
                return new SizeOrLoadTimeSnapshotTrigger(snapshotter, aggregateType, events, loadTime, clock);
            }

            @Override
            public SnapshotTrigger reconfigure(Class<?> aggregateType, SnapshotTrigger trigger) {
                if (trigger instanceof AbstractSnapshotTrigger t) {
                    t.setSnapshotter(snapshotter);
                    return t;
                }
                return prepareTrigger(aggregateType);
            }
        };
    }

    @Override
    public void initializationFinished() {
        loadMillis = clock.millis() - loadStarted;
        super.initializationFinished();
    }

    @Override
    public void eventHandled(EventMessage<?> message) {
        if (message instanceof DomainEventMessage<?> event) {
            sequence = event.getSequenceNumber();
        }
        super.eventHandled(message);
    }

    @Override
    protected boolean exceedsThreshold() {
        counted++;
        // loadMillis stays -1 while the aggregate loads: then only the count since the snapshot decides
        return counted >= Math.max(events, (sequence - counted) / 4) || loadMillis >= loadTimeMillis;
    }

    @Override
    protected void reset() {
        counted = 0;
        loadMillis = -1;
    }
}
