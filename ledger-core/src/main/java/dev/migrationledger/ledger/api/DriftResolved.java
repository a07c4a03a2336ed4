package dev.migrationledger.ledger.api;

import java.time.Instant;

public record DriftResolved(String project, String environment, String findingId, String scanId,
                            Instant occurredAt, Instant recordedAt, String actor) implements EnvironmentScoped {
}
