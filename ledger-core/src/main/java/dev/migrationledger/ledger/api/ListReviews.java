package dev.migrationledger.ledger.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Asks for the project's emergency-change reviews in one state ({@code open}, {@code overdue}, {@code closed}, or
 * null: all) as of {@code at}, in one environment or (null) all; records nothing.
 */
public record ListReviews(@TargetAggregateIdentifier String projectId, String state, Instant at, String environment) {

    public ListReviews(String projectId, String state, Instant at) {
        this(projectId, state, at, null);
    }
}
