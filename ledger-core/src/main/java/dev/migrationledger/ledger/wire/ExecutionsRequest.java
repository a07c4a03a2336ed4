package dev.migrationledger.ledger.wire;

import dev.migrationledger.ledger.api.ExecutionFact;
import java.util.List;

/** {@code POST …/executions}: one fact or a batch of up to 1,000, in the order they happened. */
public record ExecutionsRequest(List<ExecutionFact> facts) {
}
