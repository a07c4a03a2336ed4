package dev.migrationledger.ledger.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.migrationledger.ledger.domain.ExecutionStatus;
import dev.migrationledger.ledger.domain.Tool;
import java.time.Instant;

/**
 * One attempt to apply one migration to one environment, as reported by whoever ran it.
 * {@code executionId} is the client's idempotency key; {@code authorizationDigest} names the signed
 * authorization the executor verified before it ran (SHA-256 of the envelope's payload), null when the
 * reporter did not run under one.
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
                            String schemaFingerprint,
                            @JsonInclude(JsonInclude.Include.NON_NULL) String authorizationDigest) {

    /** A fact that names no signed authorization. */
    public ExecutionFact(String executionId, String version, String checksum, ExecutionStatus status, Instant startedAt,
                         Instant finishedAt, String error, String gitSha, String pipelineUrl, Tool tool,
                         String schemaFingerprint) {
        this(executionId, version, checksum, status, startedAt, finishedAt, error, gitSha, pipelineUrl, tool,
                schemaFingerprint, null);
    }
}
