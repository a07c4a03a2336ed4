package dev.migrationledger.service.config;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.AbstractCacheAdapter;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import java.util.function.UnaryOperator;

/**
 * Axon's aggregate cache on Caffeine: strongly referenced, so a project's aggregate survives garbage
 * collections and is reloaded (snapshot plus events) only after it fell out by weight or idleness. Axon's
 * {@code WeakReferenceCache} held entries nothing else referenced, so they died at the next young GC.
 * <p>
 * The bound is a total weight, not a number of projects: a project's state grows with its history (the
 * 1,000,000-event bench run filled a 512 MiB heap with 45 cached projects of ~10,000 facts each). Axon puts a
 * fresh entry after every command that changed the aggregate, so an entry's weight is re-read as it grows.
 * The hit rate is published as {@code cache.gets{cache=ledger.aggregates,result=hit|miss}} and as the gauge
 * {@code ledger.aggregate.cache.hit.ratio}, the weight held as {@code ledger.aggregate.cache.weight}.
 */
public final class AggregateCache extends AbstractCacheAdapter<Cache.EntryListener> {

    static final String NAME = "ledger.aggregates";

    private static final VarHandle ENTRY_ROOT;

    static {
        try {
            ENTRY_ROOT = MethodHandles.privateLookupIn(AggregateCacheEntry.class, MethodHandles.lookup())
                    .findVarHandle(AggregateCacheEntry.class, "aggregateRoot", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final com.github.benmanes.caffeine.cache.Cache<Object, Object> cache;
    private final ConcurrentMap<Object, Object> map;
    private final List<Cache.EntryListener> listeners = new CopyOnWriteArrayList<>();

    /**
     * @param maximumWeight what all entries may weigh together; one heavier alone counts as the whole bound, so it is
     *                      kept by itself: uncached, every command on it would reload it (its whole snapshot and
     *                      what came after), needing that memory again per command instead of once
     * @param weigher       an entry's weight, from the value Axon caches, at least 1
     */
    public AggregateCache(long maximumWeight, Duration expireAfterAccess, ToIntFunction<Object> weigher) {
        int heaviest = (int) Math.min(Integer.MAX_VALUE, maximumWeight);
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maximumWeight)
                .weigher((Object key, Object value) -> Math.min(heaviest, Math.max(1, weigher.applyAsInt(value))))
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
        Gauge.builder("ledger.aggregate.cache.weight", this, AggregateCache::weight)
                .description("what the cached aggregates weigh together (state entries), against ledger.aggregate-cache-entries")
                .register(registry);
        return this;
    }

    public double hitRate() {
        return cache.stats().hitRate();
    }

    public long size() {
        return cache.estimatedSize();
    }

    /** What the entries weigh together. */
    public long weight() {
        return cache.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
    }

    /**
     * The aggregate inside one of Axon's cache entries. Axon 4.13's {@code AggregateCacheEntry} keeps it in a
     * private field with no accessor; {@code AggregateCacheTest} fails if a new Axon version moves it.
     */
    public static Object aggregateRoot(Object cached) {
        if (!(cached instanceof AggregateCacheEntry<?>)) {
            return null;
        }
        return ENTRY_ROOT.get(cached);
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
