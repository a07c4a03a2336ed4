package dev.migrationledger.service.receipts;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.migrationledger.ledger.api.RecordedFact;
import dev.migrationledger.service.eventstore.StoredEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The evidence of recently active projects, kept between log batches: each project's events a fact's
 * receipt can rely on, decoded, and their leaves. Without it every batch read and decoded its projects'
 * whole histories and fetched their leaves again, so a project's n-th fact cost O(n) rows; now a batch
 * reads only its own. Earlier facts are not held: a fact's receipt rests on plans, approvals and their
 * revocations, backups and authorizations, never on another fact (reviews come after the fact and reach
 * its receipt on request), and facts are most of a project's events.
 *
 * <p>It equals what {@link FactHistory#ofProject} would read, facts aside: a project's events come from one aggregate,
 * whose units of work commit one after another, so they are delivered in global order and none below a
 * delivered one is still to commit. A batch's additions replace the cached history only once the log's
 * transaction commits, and the appender drops everything whenever it reloads the log's border (first batch,
 * another instance appended, a rollback): leaf indexes are only known while the log is the one this
 * instance last wrote.
 */
@Component
class ProjectHistories {

    /**
     * Events held at most, about 3 KiB each with the stored row, the decoded event and the leaf: a few hundred
     * projects' plans and approvals. (Holding 50,000 with facts included, a 1M-event bench run ran the
     * service's 512 MiB heap out of memory beside the aggregate cache.) A project with more is read from the tables per batch, as every project was before.
     */
    static final long MAX_EVENTS = 20_000;

    /** One project's events a fact's receipt can rely on, by global index, and the leaves they were logged as. */
    record History(NavigableMap<Long, FactHistory.Recorded> events, Map<Long, LeafTable.Leaf> leaves) {

        /** The history as a fact at {@code globalIndex} (or a batch's last fact) sees it, in global order. */
        List<FactHistory.Recorded> upTo(long globalIndex) {
            return new ArrayList<>(events.headMap(globalIndex, true).values());
        }

        private History copy() {
            return new History(new TreeMap<>(events), new HashMap<>(leaves));
        }
    }

    private final FactHistory history;
    private final LeafTable leafTable;
    private final Cache<String, History> cache = Caffeine.newBuilder()
            .maximumWeight(MAX_EVENTS)
            .weigher((String project, History h) -> Math.max(1, h.events().size()))
            .build();

    ProjectHistories(FactHistory history, LeafTable leafTable) {
        this.history = history;
        this.leafTable = leafTable;
    }

    /**
     * The histories of the projects with facts in this batch, the batch's own evidence included (each fact's
     * evidence was committed before it, so it is in the batch or logged already). After the log's
     * transaction commits they, and the cached histories the batch's other evidence extends, are kept.
     *
     * @param rows        the batch's newly logged events
     * @param batchLeaves the batch's leaves by global index
     * @param factsUpTo   per project with facts in the batch, the global index of its last one
     */
    Map<String, History> forBatch(List<StoredEvent> rows, Map<Long, LeafTable.Leaf> batchLeaves,
                                  Map<String, Long> factsUpTo) {
        // facts are told by type before decoding: they are most rows and none is held
        Map<String, List<FactHistory.Recorded>> fresh = rows.stream().filter(row -> !history.isFact(row))
                .map(history::evidenceOf).flatMap(Optional::stream)
                .collect(Collectors.groupingBy(r -> r.row().aggregateId()));
        Set<String> projects = new HashSet<>(fresh.keySet());
        projects.addAll(factsUpTo.keySet());
        Map<String, History> next = new HashMap<>();
        for (String project : projects) {
            History cached = cache.getIfPresent(project);
            History extended;
            if (cached != null) {
                extended = cached.copy();
            } else if (factsUpTo.containsKey(project)) {
                extended = load(project, factsUpTo.get(project), batchLeaves);
            } else {
                continue; // read from the tables when a fact of it needs it
            }
            for (FactHistory.Recorded recorded : fresh.getOrDefault(project, List.of())) {
                long global = recorded.row().globalIndex();
                extended.events().put(global, recorded);
                extended.leaves().put(global, batchLeaves.get(global));
            }
            next.put(project, extended);
        }
        // A history with an event not logged yet is used for this batch only (a fact relying on it fails the
        // batch, which is retried, as before); held, it would keep lacking that leaf.
        Map<String, History> complete = new HashMap<>();
        next.forEach((project, h) -> {
            if (h.leaves().keySet().containsAll(h.events().keySet())) {
                complete.put(project, h);
            }
        });
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                complete.forEach(cache::put);
                next.keySet().stream().filter(project -> !complete.containsKey(project)).forEach(cache::invalidate);
            }
        });
        return next;
    }

    /** The history held for a project, as committed; empty when it would be read from the tables. */
    Optional<History> held(String project) {
        return Optional.ofNullable(cache.getIfPresent(project));
    }

    /** Whether a history keeps this event: everything a receipt relies on but facts. */
    private static boolean held(FactHistory.Recorded recorded) {
        return !(recorded.event() instanceof RecordedFact);
    }

    /** Everything held is forgotten: the log was reloaded from its tables. */
    void clear() {
        cache.invalidateAll();
    }

    private History load(String project, long upTo, Map<Long, LeafTable.Leaf> batchLeaves) {
        NavigableMap<Long, FactHistory.Recorded> events = new TreeMap<>();
        history.ofProject(project, upTo).stream().filter(ProjectHistories::held)
                .forEach(r -> events.put(r.row().globalIndex(), r));
        List<Long> older = events.keySet().stream().filter(global -> !batchLeaves.containsKey(global)).toList();
        Map<Long, LeafTable.Leaf> leaves = new HashMap<>(leafTable.byGlobalIndexes(older));
        events.keySet().stream().filter(batchLeaves::containsKey).forEach(global -> leaves.put(global, batchLeaves.get(global)));
        return new History(events, leaves);
    }
}
