package dev.migrationledger.ledger.api;

import dev.migrationledger.ledger.domain.ExecutionStatus;
import dev.migrationledger.ledger.domain.Tool;

import java.time.Instant;

/**
 * One attempt to apply one migration to one environment, as reported by whoever ran it.
 * {@code executionId} is the client's idempotency key.
 */
public record ExecutionFact(String executionId,
                            String version,
                            String checksum,
                            ExecutionStatus status,
                            Instant startedAt,
                            Instant finishedAt,
                            String error,
                            String gitSha,
                            String pipelineUrl,
                            Tool tool,
                            String schemaFingerprint) {
}
