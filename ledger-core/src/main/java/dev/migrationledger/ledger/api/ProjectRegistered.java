package dev.migrationledger.ledger.api;

import java.time.Instant;
import java.util.List;

public record ProjectRegistered(String project, List<EnvironmentDefinition> environments,
                                Instant occurredAt, Instant recordedAt, String actor) implements LedgerEvent {
}
