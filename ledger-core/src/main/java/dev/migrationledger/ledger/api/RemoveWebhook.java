package dev.migrationledger.ledger.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Stop notifying the target {@code webhookId}; messages not yet delivered to it are dropped. */
public record RemoveWebhook(@TargetAggregateIdentifier String projectId, String webhookId, String actor) {
}
