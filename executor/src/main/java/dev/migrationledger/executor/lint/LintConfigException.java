package dev.migrationledger.executor.lint;

/** A lint configuration that cannot be used (exit 2): says which file, what is wrong and what to write instead. */
public final class LintConfigException extends RuntimeException {

    public LintConfigException(String message) {
        super(message);
    }

    public LintConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
