package dev.migrationledger.ledger.api;

import java.time.Instant;

/**
 * An approver's after-the-fact review of an emergency change (a fact recorded with UNAUTHORIZED, UNPLANNED,
 * NO_APPROVAL or NO_BACKUP): SOC 2 CC8.1 and ISO 27001 A.8.32 ask for it. {@code reviewId} is the fact's executionId.
 */
public record ChangeReviewed(String project, String reviewId, String environment, String version,
                             String factActor, String comment,
                             Instant occurredAt, Instant recordedAt, String actor) implements EnvironmentScoped, VersionScoped {
}
