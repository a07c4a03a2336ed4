package dev.migrationledger.ledger.api;

import dev.migrationledger.ledger.domain.Reason;

import java.util.List;

public record AuthorizationResult(String executionId, List<String> authorized, List<Denial> denied) {

    public record Denial(String version, List<Reason> reasons) {
    }
}
