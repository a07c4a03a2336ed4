package dev.migrationledger.executor.client;

/** The ledger did not answer usefully after every retry (connection refused, timeouts, 502/503/504). */
public final class LedgerUnreachableException extends RuntimeException {

    public LedgerUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
