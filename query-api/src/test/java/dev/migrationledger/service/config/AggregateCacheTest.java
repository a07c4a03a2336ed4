package dev.migrationledger.service.config;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class AggregateCacheTest {

    private static AggregateCache byCount(long maximum) {
        return new AggregateCache(maximum, Duration.ofMinutes(30), value -> 1);
    }

    @Test
    void entriesSurviveGarbageCollectionUntilTheBoundPushesThemOut() {
        AggregateCache cache = byCount(100);
        for (int i = 0; i < 100; i++) {
            cache.put("project-" + i, new Object());
        }
        System.gc();
        assertThat(cache.<String, Object>get("project-0")).as("nothing else references it").isNotNull();

        for (int i = 100; i < 300; i++) {
            cache.put("project-" + i, new Object());
        }
        cache.cleanUp();
        assertThat(cache.size()).isLessThanOrEqualTo(100);
    }

    @Test
    void theBoundIsWhatEntriesWeighNotHowManyTheyAre() {
        AggregateCache cache = new AggregateCache(1_000, Duration.ofMinutes(30), value -> (Integer) value);
        cache.put("small-1", 10);
        cache.put("small-2", 10);
        cache.put("large", 900);
        cache.cleanUp();
        assertThat(cache.weight()).isEqualTo(920);

        cache.put("large", 990);
        cache.cleanUp();
        assertThat(cache.weight()).as("a project that grew is weighed again when Axon puts it back").isLessThanOrEqualTo(1_000);
        assertThat(cache.size()).isLessThan(3);
    }

    @Test
    void aProjectHeavierThanTheWholeBoundIsKeptAloneRatherThanReloadedPerCommand() {
        AggregateCache cache = new AggregateCache(1_000, Duration.ofMinutes(30), value -> (Integer) value);
        cache.put("small", 10);
        cache.put("huge", 5_000);
        cache.cleanUp();

        assertThat(cache.containsKey("huge")).isTrue();
        assertThat(cache.containsKey("small")).isFalse();
        assertThat(cache.weight()).isEqualTo(1_000);
    }

    @Test
    void theAggregateInsideAxonsCacheEntryIsRead() {
        Object root = new Object();
        var aggregate = org.axonframework.eventsourcing.EventSourcedAggregate.initialize(root,
                org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory.inspectAggregate(Object.class),
                null, org.axonframework.eventsourcing.NoSnapshotTriggerDefinition.TRIGGER);

        assertThat(AggregateCache.aggregateRoot(new org.axonframework.eventsourcing.AggregateCacheEntry<>(aggregate)))
                .isSameAs(root);
        assertThat(AggregateCache.aggregateRoot("not an entry")).isNull();
    }

    @Test
    void theHitRateIsPublished() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        AggregateCache cache = byCount(10).bindTo(meters);
        cache.put("billing-db", new Object());

        cache.get("billing-db");
        cache.get("billing-db");
        cache.get("billing-db");
        cache.get("unknown");

        assertThat(meters.get("ledger.aggregate.cache.hit.ratio").gauge().value()).isEqualTo(0.75);
        assertThat(meters.get("cache.gets").tag("cache", AggregateCache.NAME).tag("result", "hit")
                .functionCounter().count()).isEqualTo(3);
    }

    @Test
    void removingAnEntryIsSeenByAxonsListeners() {
        AggregateCache cache = byCount(10);
        java.util.List<Object> removed = new java.util.ArrayList<>();
        cache.registerCacheEntryListener(new org.axonframework.common.caching.Cache.EntryListenerAdapter() {
            @Override
            public void onEntryRemoved(Object key) {
                removed.add(key);
            }
        });
        cache.put("billing-db", new Object());

        assertThat(cache.remove("billing-db")).isTrue();
        assertThat(cache.remove("billing-db")).isFalse();
        assertThat(removed).containsExactly("billing-db");
        assertThat(cache.containsKey("billing-db")).isFalse();
    }
}
