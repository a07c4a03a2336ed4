package dev.migrationledger.ledger.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Closes the review of an emergency change; {@code reviewId} is the fact's executionId. */
public record ReviewChange(@TargetAggregateIdentifier String projectId, String reviewId, String comment,
                           String actor) {
}
