package dev.migrationledger.service.receipts;

import dev.migrationledger.ledger.api.AuthorizationGrant;
import dev.migrationledger.ledger.api.ExecutionAuthorized;
import dev.migrationledger.ledger.api.RecordedFact;
import dev.migrationledger.ledger.integrity.AppendedLeafHashes;
import dev.migrationledger.ledger.integrity.CompactRange;
import dev.migrationledger.ledger.integrity.DsseEnvelope;
import dev.migrationledger.ledger.integrity.LeafHashSource;
import dev.migrationledger.ledger.integrity.Receipt;
import dev.migrationledger.ledger.integrity.ReceiptIssuer;
import dev.migrationledger.ledger.integrity.SignedNote;
import dev.migrationledger.service.eventstore.StoredEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.stream.Collectors;

/**
 * Issues receipts (SPEC §6): gathers the evidence from the event table, proves every event's leaf
 * against a checkpoint that covers it, and signs the statement with the current log key. Receipts of
 * facts are built by the log itself, in the batch that appends the fact, from the tree in memory and the
 * batch's checkpoint, and stored under {@link ReceiptIds#forFact} in the same transaction: a fact's
 * receipt exists exactly when its leaf does, so nothing waits or polls for a leaf. Receipts on request are
 * built fresh each time, so they show the store as it is now.
 */
@Component
public class ReceiptService {

    /** The evidence exists but its events are not all in the log yet; the receipt follows shortly. */
    public static final class NotYetLogged extends RuntimeException {
        NotYetLogged(long globalIndex) {
            super("event " + globalIndex + " is not in the log yet");
        }
    }

    private final JdbcTemplate jdbc;
    private final FactHistory history;
    private final LeafTable leaves;
    private final CheckpointIssuer checkpoints;
    private final LogKeys keys;
    private final SignedAuthorizations signedAuthorizations;
    private final ProjectHistories recent;

    public ReceiptService(JdbcTemplate jdbc, FactHistory history, LeafTable leaves, CheckpointIssuer checkpoints,
                          LogKeys keys, SignedAuthorizations signedAuthorizations, ProjectHistories recent) {
        this.jdbc = jdbc;
        this.history = history;
        this.leaves = leaves;
        this.checkpoints = checkpoints;
        this.keys = keys;
        this.signedAuthorizations = signedAuthorizations;
        this.recent = recent;
    }

    /** The stored receipt file, if issued. */
    public Optional<byte[]> stored(String id) {
        return jdbc.query("SELECT body FROM receipt WHERE id = ?", (rs, n) -> rs.getBytes(1), id).stream().findFirst();
    }

    /**
     * The receipts of the facts among a batch the log just appended, proven against the batch's tree and
     * checkpoint. Per project of the batch, its history and leaves come from {@link ProjectHistories} (read
     * from the tables only when not held) and the signed authorizations from one statement; a fact's evidence
     * is always logged by then, because it was committed before the fact was recorded.
     */
    List<LeafTable.ReceiptRow> forBatch(List<StoredEvent> rows, List<LeafTable.Leaf> batch, CompactRange.Appended appended,
                                        DatabaseLeafHashes stored, SignedNote checkpoint) {
        List<FactHistory.Recorded> facts = rows.stream().map(history::factOf).flatMap(Optional::stream).toList();
        Map<Long, LeafTable.Leaf> logged = new HashMap<>();
        batch.forEach(leaf -> logged.put(leaf.globalIndex(), leaf));
        Map<String, Long> upTo = facts.stream().collect(Collectors.toMap(fact -> Fact.of(fact).project(),
                fact -> fact.row().globalIndex(), Math::max));
        // called for every batch, facts or not: the held histories must see every approval and backup
        Map<String, ProjectHistories.History> projectHistories = recent.forBatch(rows, Map.copyOf(logged), upTo);
        if (facts.isEmpty()) {
            return List.of();
        }
        Map<String, List<FactHistory.Recorded>> histories = new HashMap<>();
        upTo.forEach((project, last) -> {
            ProjectHistories.History h = projectHistories.get(project);
            histories.put(project, h.upTo(last));
            logged.putAll(h.leaves());
        });
        Map<String, Map<String, DsseEnvelope>> envelopes = new HashMap<>();
        facts.stream().map(Fact::of).collect(Collectors.groupingBy(Fact::project, Collectors.mapping(Fact::executionId, Collectors.toSet())))
                .forEach((project, executions) -> envelopes.put(project, signedAuthorizations.stored(project, executions)));
        // one assembler per project: it indexes the project's history once for all the batch's facts
        Map<String, PredicateAssembler> assemblers = new HashMap<>();
        List<ReceiptEvidence> evidences = new ArrayList<>(facts.size());
        for (FactHistory.Recorded recorded : facts) {
            PredicateAssembler assembler = assemblers.computeIfAbsent(Fact.of(recorded).project(), project -> {
                Map<String, DsseEnvelope> loaded = envelopes.get(project);
                Function<ExecutionAuthorized, DsseEnvelope> envelope = authorization -> loaded.containsKey(authorization.executionId())
                        ? loaded.get(authorization.executionId()) : signedAuthorization(authorization);
                return new PredicateAssembler(project, histories.get(project),
                        global -> logged(logged::get, global).leafIndex(), envelope);
            });
            evidences.add(assembler.forFact(recorded));
        }
        stored.preload(evidences.stream().flatMap(e -> e.events().stream()).map(row -> logged.get(row.globalIndex()))
                .filter(Objects::nonNull).map(LeafTable.Leaf::leafIndex).toList(), appended.after().size());
        LeafHashSource tree = new AppendedLeafHashes(appended, stored);
        List<LeafTable.ReceiptRow> issued = new ArrayList<>(facts.size());
        ReceiptIssuer issuer = new ReceiptIssuer(keys.current());
        for (int i = 0; i < facts.size(); i++) {
            Fact fact = Fact.of(facts.get(i));
            ReceiptEvidence evidence = evidences.get(i);
            Receipt receipt = issuer.issue(evidence.scriptName(), evidence.predicate(), events(evidence, logged::get),
                    tree, checkpoint);
            issued.add(new LeafTable.ReceiptRow(ReceiptIds.forFact(fact.project(), fact.executionId()), fact.project(),
                    evidence.environment(), evidence.version(), fact.executionId(), receipt.toJson()));
        }
        return issued;
    }

    /** What names a fact's receipt. */
    private record Fact(String project, String environment, String version, String executionId) {
        static Fact of(FactHistory.Recorded recorded) {
            if (recorded.event() instanceof RecordedFact e) {
                return new Fact(e.project(), e.environment(), e.version(), e.executionId());
            }
            throw new IllegalArgumentException("not a fact: " + recorded.row().payloadType());
        }
    }

    /** A receipt for the newest fact of a migration in an environment, or its approvals; empty if never planned. */
    public Optional<byte[]> forMigration(String project, String environment, String version) {
        return assembler(project, history.of(project, environment, version), leaves::byGlobalIndex)
                .forMigration(environment, version).map(evidence -> {
                    List<Receipt.Event> events = events(evidence, leaves::byGlobalIndex);
                    long highest = events.stream().mapToLong(Receipt.Event::index).max().orElse(-1);
                    SignedNote checkpoint = checkpoints.signedByCurrentKey(checkpoints.covering(highest));
                    return issue(evidence, events, DatabaseLeafHashes.current(leaves), checkpoint).toJson();
                });
    }

    /** @param leafOf the logged leaf of a global index, or null when it is not logged yet */
    private PredicateAssembler assembler(String project, List<FactHistory.Recorded> history, LongFunction<LeafTable.Leaf> leafOf) {
        return new PredicateAssembler(project, history, global -> logged(leafOf, global).leafIndex(), this::signedAuthorization);
    }

    private static LeafTable.Leaf logged(LongFunction<LeafTable.Leaf> leafOf, long globalIndex) {
        LeafTable.Leaf leaf = leafOf.apply(globalIndex);
        if (leaf == null) {
            throw new NotYetLogged(globalIndex);
        }
        return leaf;
    }

    /** The envelope the executor received; none for authorizations recorded before they were signed. */
    private DsseEnvelope signedAuthorization(ExecutionAuthorized authorization) {
        return authorization.expiresAt() == null ? null
                : signedAuthorizations.envelopeFor(AuthorizationGrant.of(authorization));
    }

    private static List<Receipt.Event> events(ReceiptEvidence evidence, LongFunction<LeafTable.Leaf> leafOf) {
        List<Receipt.Event> events = new ArrayList<>();
        for (StoredEvent row : evidence.events()) {
            LeafTable.Leaf leaf = logged(leafOf, row.globalIndex());
            // The leaf as logged and the bytes as stored now: if the row was edited since, they disagree and
            // the receipt fails verification, which is the point.
            events.add(Receipt.Event.of(leaf.leafIndex(), leaf.leaf(), row.payload(), row.metadata(), row.simpleType()));
        }
        return events;
    }

    private Receipt issue(ReceiptEvidence evidence, List<Receipt.Event> events, LeafHashSource tree, SignedNote checkpoint) {
        return new ReceiptIssuer(keys.current()).issue(evidence.scriptName(), evidence.predicate(), events, tree, checkpoint);
    }
}
