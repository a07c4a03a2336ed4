package dev.migrationledger.ledger.api;

import dev.migrationledger.ledger.domain.Reason;
import dev.migrationledger.ledger.domain.Tool;

import java.time.Instant;
import java.util.List;

public record MigrationFailed(String project, String environment, String version, String checksum,
                              String executionId, String authorizationId, String authorizationDigest,
                              Instant startedAt, Instant finishedAt, String error,
                              String gitSha, String pipelineUrl, Tool tool,
                              List<Reason> violations,
                              Instant occurredAt, Instant recordedAt, String actor) implements RecordedFact {
}
