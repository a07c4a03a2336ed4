package dev.migrationledger.ledger.api;

import java.util.List;

/** {@code PUT …/migrations/{v}/script}: the script's text with the lint findings kept for its approver. */
public record ScriptUpload(String text, List<ScriptFinding> findings) {
}
