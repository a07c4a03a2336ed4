package dev.migrationledger.ledger.api;

/** {@code POST …/migrations/{v}/corrections}: the failed version is superseded by {@code correctedBy} (R6). */
public record CorrectionRequest(String correctedBy, String reason) {
}
