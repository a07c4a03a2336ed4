package dev.migrationledger.ledger.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Supersede a failed migration with a newer corrective one (R6). */
public record CorrectMigration(@TargetAggregateIdentifier String projectId,
                               String version,
                               String correctedBy,
                               String reason,
                               String actor) {
}
