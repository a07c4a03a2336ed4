package dev.migrationledger.executor.flyway;

import dev.migrationledger.executor.client.ApiShapes.Fact;
import dev.migrationledger.executor.client.ApiShapes.FactResult;
import dev.migrationledger.executor.client.ApiShapes.FactsResult;
import dev.migrationledger.executor.client.LedgerClient;
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

    private static final int BATCH = 100;

    private final LedgerClient client;
    private final LedgerOutbox outbox;

    FactSender(LedgerClient client, LedgerOutbox outbox) {
        this.client = client;
        this.outbox = outbox;
    }

    /** @return the facts the ledger acknowledged in this call */
    List<MigrationReport.Recorded> sendAll() throws SQLException {
        Map<String, List<LedgerOutbox.Pending>> byEnvironment = new LinkedHashMap<>();
        for (LedgerOutbox.Pending p : outbox.unacknowledged()) {
            byEnvironment.computeIfAbsent(p.project() + "\n" + p.environment(), k -> new ArrayList<>()).add(p);
        }
        List<MigrationReport.Recorded> recorded = new ArrayList<>();
        for (List<LedgerOutbox.Pending> group : byEnvironment.values()) {
            for (int from = 0; from < group.size(); from += BATCH) {
                List<LedgerOutbox.Pending> batch = group.subList(from, Math.min(group.size(), from + BATCH));
                List<Fact> facts = batch.stream().map(LedgerOutbox.Pending::fact).toList();
                FactsResult result = client.record(batch.get(0).project(), batch.get(0).environment(), facts);
                outbox.acknowledge(facts.stream().map(Fact::executionId).toList());
                Map<String, FactResult> answers = new LinkedHashMap<>();
                result.facts().forEach(r -> answers.put(r.executionId(), r));
                for (Fact fact : facts) {
                    FactResult answer = answers.get(fact.executionId());
                    recorded.add(new MigrationReport.Recorded(fact.executionId(), fact.version(), fact.status(),
                            answer == null ? List.of() : answer.violations()));
                }
            }
        }
        return recorded;
    }
}
