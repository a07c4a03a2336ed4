package dev.migrationledger.ledger.api;

import dev.migrationledger.ledger.domain.EnvironmentPolicy;

public record EnvironmentDefinition(String name, EnvironmentPolicy policy) {
}
