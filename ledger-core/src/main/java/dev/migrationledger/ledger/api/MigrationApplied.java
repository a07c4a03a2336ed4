package dev.migrationledger.ledger.api;

import dev.migrationledger.ledger.domain.Reason;
import dev.migrationledger.ledger.domain.Tool;

import java.time.Instant;
import java.util.List;

/** A migration ran successfully. Recorded even when it broke rules: those are its {@code violations}. */
public record MigrationApplied(String project, String environment, String version, String checksum,
                               String executionId, String authorizationId,
                               Instant startedAt, Instant finishedAt,
                               String gitSha, String pipelineUrl, Tool tool, String schemaFingerprint,
                               List<Reason> violations,
                               Instant occurredAt, Instant recordedAt, String actor) implements LedgerEvent {
}
