package dev.migrationledger.executor.scan;

/**
 * A history table that is missing, ambiguous or holds what the ledger cannot represent, or a tool directory
 * that does not match it: a usage error (exit 2).
 */
public final class HistoryImportException extends RuntimeException {

    public HistoryImportException(String message) {
        super(message);
    }
}
