package dev.migrationledger.ledger.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Asks what awaits approval, backup, promotion or order; records nothing. {@code environment} null: every one. */
public record AssessPending(@TargetAggregateIdentifier String projectId, String environment) {
}
