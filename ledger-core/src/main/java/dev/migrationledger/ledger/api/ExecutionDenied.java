package dev.migrationledger.ledger.api;

import dev.migrationledger.ledger.domain.Reason;

import java.time.Instant;
import java.util.List;

/** The first version of a request that may not be applied, with every reason; later ones were not judged. */
public record ExecutionDenied(String project, String environment, String executionId, String version,
                              List<Reason> reasons, List<String> requested,
                              String gitSha, String pipelineUrl,
                              Instant occurredAt, Instant recordedAt, String actor) implements LedgerEvent {
}
