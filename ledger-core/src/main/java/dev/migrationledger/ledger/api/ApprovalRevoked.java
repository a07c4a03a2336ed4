package dev.migrationledger.ledger.api;

import java.time.Instant;

public record ApprovalRevoked(String project, String version, String approvalId, String reason,
                              Instant occurredAt, Instant recordedAt, String actor) implements VersionScoped {
}
