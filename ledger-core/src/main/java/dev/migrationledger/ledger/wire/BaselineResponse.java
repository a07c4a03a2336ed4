package dev.migrationledger.ledger.wire;

/** {@code POST …/baselines}: how many entries were new. */
public record BaselineResponse(int recorded, long lastIndex) {
}
