package dev.migrationledger.ledger.api;

import java.time.Instant;

/** {@code unplannedFact} is true when the ledger learned of the migration only from an applied fact (R8). */
public record MigrationPlanned(String project, MigrationDefinition migration, boolean unplannedFact,
                               Instant occurredAt, Instant recordedAt, String actor) implements DefinesMigration {
}
