package dev.migrationledger.ledger.api;

import dev.migrationledger.ledger.domain.Reason;
import dev.migrationledger.ledger.domain.Tool;

import java.time.Instant;
import java.util.List;

public record MigrationRolledBack(String project, String environment, String version, String executionId,
                                  String reason, Tool tool, List<Reason> violations,
                                  Instant occurredAt, Instant recordedAt, String actor) implements RecordedFact {
}
