package dev.migrationledger.ledger.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Plan new migrations and replan changed ones; unchanged ones are left as they are. */
public record PlanMigrations(@TargetAggregateIdentifier String projectId,
                             List<MigrationDefinition> migrations,
                             String actor) {
}
