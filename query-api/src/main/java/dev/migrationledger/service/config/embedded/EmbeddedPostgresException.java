package dev.migrationledger.service.config.embedded;

/**
 * The embedded PostgreSQL could not be started, or refused to start: what was found, and what the
 * operator can do about it ({@code StartupFailureAnalyzer} prints both instead of a stack trace).
 */
public class EmbeddedPostgresException extends RuntimeException {

    private final String action;

    public EmbeddedPostgresException(String message, String action) {
        this(message, action, null);
    }

    public EmbeddedPostgresException(String message, String action, Throwable cause) {
        super(message, cause);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
