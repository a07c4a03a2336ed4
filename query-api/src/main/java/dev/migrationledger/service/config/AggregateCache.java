package dev.migrationledger.service.config;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.AbstractCacheAdapter;
import org.axonframework.common.caching.Cache;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Axon's aggregate cache on Caffeine: strongly referenced, so a project's aggregate survives garbage
 * collections and is reloaded (snapshot plus events) only after it fell out by size or idleness. Axon's
 * {@code WeakReferenceCache} held entries nothing else referenced, so they died at the next young GC.
 * The hit rate is published as {@code cache.gets{cache=ledger.aggregates,result=hit|miss}} and as the gauge
 * {@code ledger.aggregate.cache.hit.ratio}.
 */
public final class AggregateCache extends AbstractCacheAdapter<Cache.EntryListener> {

    static final String NAME = "ledger.aggregates";

    private final com.github.benmanes.caffeine.cache.Cache<Object, Object> cache;
    private final ConcurrentMap<Object, Object> map;
    private final List<Cache.EntryListener> listeners = new CopyOnWriteArrayList<>();

    public AggregateCache(long maximumSize, Duration expireAfterAccess) {
        this.cache = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfterAccess(expireAfterAccess)
                .evictionListener((Object key, Object value, RemovalCause cause) ->
                        listeners.forEach(l -> l.onEntryExpired(key)))
                .recordStats()
                .build();
        this.map = cache.asMap();
    }

    /** Publishes Caffeine's statistics (gets by result, evictions, size) and the hit ratio. */
    public AggregateCache bindTo(MeterRegistry registry) {
        CaffeineCacheMetrics.monitor(registry, cache, NAME);
        Gauge.builder("ledger.aggregate.cache.hit.ratio", cache, c -> c.stats().hitRate())
                .description("share of commands whose project aggregate was found in the cache")
                .register(registry);
        return this;
    }

    public double hitRate() {
        return cache.stats().hitRate();
    }

    public long size() {
        return cache.estimatedSize();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Object value = cache.getIfPresent(key);
        if (value != null) {
            listeners.forEach(l -> l.onEntryRead(key, value));
        }
        return (V) value;
    }

    @Override
    public void put(Object key, Object value) {
        Object previous = map.put(key, value);
        listeners.forEach(l -> {
            if (previous == null) {
                l.onEntryCreated(key, value);
            } else {
                l.onEntryUpdated(key, value);
            }
        });
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        boolean added = map.putIfAbsent(key, value) == null;
        if (added) {
            listeners.forEach(l -> l.onEntryCreated(key, value));
        }
        return added;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        return (T) cache.get(key, k -> valueSupplier.get());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        map.computeIfPresent(key, (k, v) -> update.apply((V) v));
    }

    @Override
    public boolean remove(Object key) {
        boolean removed = map.remove(key) != null;
        if (removed) {
            listeners.forEach(l -> l.onEntryRemoved(key));
        }
        return removed;
    }

    @Override
    public void removeAll() {
        map.keySet().forEach(this::remove);
    }

    @Override
    public boolean containsKey(Object key) {
        return map.containsKey(key);
    }

    @Override
    protected Cache.EntryListener createListenerAdapter(Cache.EntryListener listener) {
        return listener;
    }

    @Override
    protected Registration doRegisterListener(Cache.EntryListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Caffeine evicts asynchronously in its maintenance cycle; tests run it to see the bound hold. */
    void cleanUp() {
        cache.cleanUp();
    }
}
