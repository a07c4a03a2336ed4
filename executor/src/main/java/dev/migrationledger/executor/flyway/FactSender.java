package dev.migrationledger.executor.flyway;

import dev.migrationledger.executor.client.LedgerClient;
import dev.migrationledger.executor.client.LedgerProblemException;
import dev.migrationledger.executor.schema.SchemaFingerprint;
import dev.migrationledger.ledger.api.ExecutionFact;
import dev.migrationledger.ledger.wire.ExecutionsResponse.RecordedExecution;
import dev.migrationledger.ledger.wire.ExecutionsResponse;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends every frozen, unacknowledged fact of the outbox, and marks it acknowledged only after the ledger
 * answered 2xx. A crash between the answer and the mark just means one more identical re-send, which
 * the ledger answers from its first result (R9).
 */
final class FactSender {

    /** The most facts the ledger records in one request: a run of 500 migrations is one POST. */
    private static final int BATCH = 1000;

    private final LedgerClient client;
    private final LedgerOutbox outbox;
    private final SchemaSnapshotOutbox snapshots;
    private final Progress progress;

    FactSender(LedgerClient client, LedgerOutbox outbox, SchemaSnapshotOutbox snapshots, Progress progress) {
        this.client = client;
        this.outbox = outbox;
        this.snapshots = snapshots;
        this.progress = progress;
    }

    /**
     * Sends the schema descriptions first, so the ledger can name changed objects as soon as a fact with
     * their fingerprint arrives. A refused description is reported and not retried (the same content would
     * be refused again; an older service has no such endpoint); the facts go out regardless, since the
     * fingerprint alone still detects drift.
     *
     * @return the facts the ledger acknowledged in this call
     */
    List<MigrationReport.Recorded> sendAll() throws SQLException {
        for (SchemaFingerprint snapshot : snapshots.unsent()) {
            try {
                client.putSchemaSnapshot(snapshot.fingerprint(), snapshot.lines());
            } catch (LedgerProblemException e) {
                progress.info("the ledger did not store the schema description " + snapshot.fingerprint().substring(0, 12)
                        + " (" + e.getMessage() + "); facts still carry its fingerprint");
            }
            snapshots.markSent(snapshot.fingerprint());
        }
        Map<String, List<LedgerOutbox.Pending>> byEnvironment = new LinkedHashMap<>();
        for (LedgerOutbox.Pending p : outbox.unacknowledged()) {
            byEnvironment.computeIfAbsent(p.project() + "\n" + p.environment(), k -> new ArrayList<>()).add(p);
        }
        List<MigrationReport.Recorded> recorded = new ArrayList<>();
        for (List<LedgerOutbox.Pending> group : byEnvironment.values()) {
            for (int from = 0; from < group.size(); from += BATCH) {
                List<LedgerOutbox.Pending> batch = group.subList(from, Math.min(group.size(), from + BATCH));
                List<ExecutionFact> facts = batch.stream().map(LedgerOutbox.Pending::fact).toList();
                ExecutionsResponse result = client.record(batch.get(0).project(), batch.get(0).environment(), facts);
                outbox.acknowledge(facts.stream().map(ExecutionFact::executionId).toList());
                Map<String, RecordedExecution> answers = new LinkedHashMap<>();
                result.facts().forEach(r -> answers.put(r.executionId(), r));
                for (ExecutionFact fact : facts) {
                    RecordedExecution answer = answers.get(fact.executionId());
                    recorded.add(new MigrationReport.Recorded(fact.executionId(), fact.version(), fact.status().name(),
                            answer == null ? List.of() : answer.violations()));
                }
            }
        }
        return recorded;
    }
}
