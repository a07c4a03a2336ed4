package dev.migrationledger.ledger.api;

import java.util.List;

/** {@code scriptsWithoutText}: versions whose script text the ledger lacks; {@code ledger plan} uploads them. */
public record PlanResponse(List<PlanOutcome> migrations, List<String> scriptsWithoutText, long lastIndex) {

    public PlanResponse {
        migrations = migrations == null ? List.of() : migrations;
        scriptsWithoutText = scriptsWithoutText == null ? List.of() : scriptsWithoutText;
    }
}
