package dev.migrationledger.ledger.api;

import java.time.Instant;
import java.util.List;

/** A new checksum (or new metadata) for a migration not yet succeeded anywhere; voids its approvals (R1). */
public record MigrationReplanned(String project, MigrationDefinition migration, String previousChecksum,
                                 List<String> voidedApprovals,
                                 Instant occurredAt, Instant recordedAt, String actor) implements DefinesMigration {
}
