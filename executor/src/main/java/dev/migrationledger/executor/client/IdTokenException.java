package dev.migrationledger.executor.client;

/**
 * The CI platform would not give the job an ID token, or the one it wrote is unusable: a configuration
 * problem of the pipeline (exit 2, like every IllegalArgumentException a command reports), said with what
 * to change.
 */
public final class IdTokenException extends IllegalArgumentException {

    public IdTokenException(String message) {
        super(message);
    }

    public IdTokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
