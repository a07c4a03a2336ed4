package dev.migrationledger.ledger.api;

/**
 * One lint finding on a stored script, as the executor's linter reported it when the script was
 * planned: the ledger keeps them so an approver reads the warnings next to the text.
 */
public record ScriptFinding(String ruleId, String severity, Integer line, String message, String advice) {
}
