package dev.migrationledger.ledger.api;

import dev.migrationledger.ledger.domain.EnvironmentPolicy;

import java.time.Instant;

public record EnvironmentPolicyChanged(String project, String environment, EnvironmentPolicy policy,
                                       Instant occurredAt, Instant recordedAt, String actor) implements EnvironmentScoped {
}
