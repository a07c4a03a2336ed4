package dev.migrationledger.ledger.api;

import java.time.Instant;

/** The approver is the actor. Approvals are bound to one checksum: a replan voids them (R2). */
public record MigrationApproved(String project, String version, String approvalId, String checksum,
                                String environment, String comment,
                                Instant occurredAt, Instant recordedAt, String actor) implements VersionScoped {
}
