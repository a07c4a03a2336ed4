package dev.migrationledger.ledger.api;

import java.util.List;

/** {@code POST …/migrations} (SPEC §7.1): a plan; a migration without an author is recorded as the caller's. */
public record PlanRequest(List<MigrationDefinition> migrations) {
}
