package dev.migrationledger.ledger.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Send the project's {@code events} to {@code url}, signed with the secret whose SHA-256 is {@code secretSha256}. */
public record ConfigureWebhook(@TargetAggregateIdentifier String projectId, String webhookId, String url,
                               List<String> events, String format, String secretSha256, String actor) {
}
