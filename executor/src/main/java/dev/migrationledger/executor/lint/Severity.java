package dev.migrationledger.executor.lint;

/** ERROR fails {@code ledger lint} (exit 1); WARNING and INFO are reported only. */
public enum Severity {
    ERROR, WARNING, INFO
}
