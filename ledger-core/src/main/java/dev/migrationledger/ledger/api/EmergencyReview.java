package dev.migrationledger.ledger.api;

import java.time.Instant;
import java.util.List;

/**
 * The review an emergency change needs. {@code state}: {@code open}, {@code overdue} (open past {@code dueAt}, the
 * fact's recording plus the environment's {@code reviewWithin}) or {@code closed}.
 */
public record EmergencyReview(String reviewId, String environment, String version, String factActor,
                              List<String> violations, Instant openedAt, Instant dueAt, String state,
                              String reviewedBy, Instant reviewedAt, String comment) {

    public EmergencyReview {
        violations = List.copyOf(violations);
    }
}
