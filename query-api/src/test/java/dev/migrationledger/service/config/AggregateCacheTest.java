package dev.migrationledger.service.config;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class AggregateCacheTest {

    @Test
    void entriesSurviveGarbageCollectionUntilTheBoundPushesThemOut() {
        AggregateCache cache = new AggregateCache(100, Duration.ofMinutes(30));
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
    void theHitRateIsPublished() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        AggregateCache cache = new AggregateCache(10, Duration.ofMinutes(30)).bindTo(meters);
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
        AggregateCache cache = new AggregateCache(10, Duration.ofMinutes(30));
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
