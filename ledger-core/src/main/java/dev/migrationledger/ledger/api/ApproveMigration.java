package dev.migrationledger.ledger.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An approval of one checksum of a migration, for one environment or (environment null) for all.
 * {@code approvalId} is chosen by the caller and doubles as the idempotency key.
 */
public record ApproveMigration(@TargetAggregateIdentifier String projectId,
                               String version,
                               String approvalId,
                               String checksum,
                               String environment,
                               String comment,
                               String actor) {
}
