package dev.migrationledger.executor.flyway;

/** A migration directory that cannot be read as a whole: the message names the file and says what to do. */
public class MigrationDirectoryException extends RuntimeException {

    public MigrationDirectoryException(String message) {
        super(message);
    }

    public MigrationDirectoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
