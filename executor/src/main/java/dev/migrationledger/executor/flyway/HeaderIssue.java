package dev.migrationledger.executor.flyway;

/** A problem in a script's header metadata: an error makes the declared value unusable, a warning does not. */
public record HeaderIssue(int line, boolean error, String message) {
}
