package dev.migrationledger.ledger.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

public record RegisterProject(@TargetAggregateIdentifier String projectId,
                              List<EnvironmentDefinition> environments,
                              String actor) {
}
