package dev.migrationledger.ledger.api;

import dev.migrationledger.ledger.domain.Reason;

import java.util.List;

/** What the ledger made of one fact: its violations, and whether it repeated an earlier fact (R9). */
public record FactResult(String executionId, String version, List<Reason> violations, boolean replayed) {
}
