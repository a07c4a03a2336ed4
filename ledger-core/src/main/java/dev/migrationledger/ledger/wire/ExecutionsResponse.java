package dev.migrationledger.ledger.wire;

import dev.migrationledger.ledger.api.ReportedReason;
import java.util.List;

/**
 * {@code POST …/executions}: what the ledger made of each fact, in request order. A fact's receipt is issued once
 * its leaf is in the log: fetch {@code receiptUrl} with {@code ?minIndex=lastIndex}.
 */
public record ExecutionsResponse(long lastIndex, List<RecordedExecution> facts) {

    public ExecutionsResponse {
        facts = facts == null ? List.of() : facts;
    }

    /** One recorded fact (also the answer of {@code POST …/rollbacks}); {@code replayed}: an R9 repeat. */
    public record RecordedExecution(String executionId, String version, List<ReportedReason> violations,
                                    boolean replayed, String receiptId, String receiptUrl) {

        public RecordedExecution {
            violations = violations == null ? List.of() : violations;
        }
    }
}
