package dev.migrationledger.service.receipts;

import dev.migrationledger.ledger.api.AuthorizationGrant;
import dev.migrationledger.ledger.api.ExecutionAuthorized;
import dev.migrationledger.ledger.integrity.DsseEnvelope;
import dev.migrationledger.ledger.integrity.Receipt;
import dev.migrationledger.ledger.integrity.ReceiptIssuer;
import dev.migrationledger.ledger.integrity.SignedNote;
import dev.migrationledger.service.authorization.SignedAuthorizations;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Issues receipts (SPEC §6): gathers the evidence from the event table, proves every event's leaf
 * against a checkpoint that covers it, and signs the statement with the current log key. Receipts of
 * facts are stored under {@link ReceiptIds#forFact}; receipts on request are built fresh each time, so
 * they show the store as it is now.
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

    public ReceiptService(JdbcTemplate jdbc, FactHistory history, LeafTable leaves, CheckpointIssuer checkpoints,
                          LogKeys keys, SignedAuthorizations signedAuthorizations) {
        this.jdbc = jdbc;
        this.history = history;
        this.leaves = leaves;
        this.checkpoints = checkpoints;
        this.keys = keys;
        this.signedAuthorizations = signedAuthorizations;
    }

    /** The stored receipt file, if issued. */
    public Optional<byte[]> stored(String id) {
        return jdbc.query("SELECT body FROM receipt WHERE id = ?", (rs, n) -> rs.getBytes(1), id).stream().findFirst();
    }

    /** Issues and stores the receipt of the fact recorded with {@code executionId}, once. */
    public void issueForFact(String project, String environment, String version, String executionId) {
        String id = ReceiptIds.forFact(project, executionId);
        if (stored(id).isPresent()) {
            return;
        }
        ReceiptEvidence evidence = assembler(project, environment, version).forFact(executionId)
                .orElseThrow(() -> new IllegalStateException("no fact " + executionId + " in project " + project));
        Receipt receipt = issue(evidence);
        jdbc.update("INSERT INTO receipt (id, project, environment, version, execution_id, issued_at, body) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING", id, project, evidence.environment(),
                evidence.version(), executionId, Instant.now().atOffset(ZoneOffset.UTC), receipt.toJson());
    }

    /** A receipt for the newest fact of a migration in an environment, or its approvals; empty if never planned. */
    public Optional<byte[]> forMigration(String project, String environment, String version) {
        return assembler(project, environment, version).forMigration(environment, version).map(e -> issue(e).toJson());
    }

    private PredicateAssembler assembler(String project, String environment, String version) {
        return new PredicateAssembler(project, history.of(project, environment, version), global -> {
            LeafTable.Leaf leaf = leaves.byGlobalIndex(global);
            if (leaf == null) {
                throw new NotYetLogged(global);
            }
            return leaf.leafIndex();
        }, this::signedAuthorization);
    }

    /** The envelope the executor received; none for authorizations recorded before they were signed. */
    private DsseEnvelope signedAuthorization(ExecutionAuthorized authorization) {
        return authorization.expiresAt() == null ? null
                : signedAuthorizations.envelopeFor(AuthorizationGrant.of(authorization));
    }

    private Receipt issue(ReceiptEvidence evidence) {
        List<Receipt.Event> events = new ArrayList<>();
        long highest = -1;
        for (StoredEvent row : evidence.events()) {
            LeafTable.Leaf leaf = leaves.byGlobalIndex(row.globalIndex());
            if (leaf == null) {
                throw new NotYetLogged(row.globalIndex());
            }
            // The leaf as logged and the bytes as stored now: if the row was edited since, they disagree and
            // the receipt fails verification, which is the point.
            events.add(Receipt.Event.of(leaf.leafIndex(), leaf.leaf(), row.payload(), row.metadata(), row.simpleType()));
            highest = Math.max(highest, leaf.leafIndex());
        }
        SignedNote checkpoint = checkpoints.signedByCurrentKey(checkpoints.covering(highest));
        return new ReceiptIssuer(keys.current()).issue(evidence.scriptName(), evidence.predicate(), events,
                DatabaseLeafHashes.current(leaves), checkpoint);
    }
}
