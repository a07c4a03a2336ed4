package dev.migrationledger.executor.client;

/** The ledger has no such project or environment: a configuration error of the pipeline (exit 2), never "nothing to do". */
public final class UnknownProjectException extends RuntimeException {

    public UnknownProjectException(String message) {
        super(message);
    }
}
