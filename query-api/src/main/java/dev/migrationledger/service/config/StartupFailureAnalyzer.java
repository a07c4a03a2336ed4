package dev.migrationledger.service.config;

import dev.migrationledger.service.config.embedded.EmbeddedPostgresException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

import java.net.ConnectException;
import java.sql.SQLException;

/**
 * Turns the start-up failures operators meet most into one clear message instead of a stack trace:
 * the embedded PostgreSQL cannot start, the database cannot be reached, or its schema is newer than
 * this build.
 */
public class StartupFailureAnalyzer implements FailureAnalyzer {

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof EmbeddedPostgresException embedded) {
                return new FailureAnalysis("The embedded PostgreSQL did not start: " + embedded.getMessage(),
                        embedded.action(), failure);
            }
            String message = t.getMessage() == null ? "" : t.getMessage();
            if (message.contains("not resolved locally") || message.contains("newer than")) {
                return new FailureAnalysis(
                        "The ledger's database has schema migrations this build does not know: it was upgraded by a "
                                + "newer version of the service.\n" + firstLine(message),
                        "Run the newer version of the service (downgrades are not supported), or point LEDGER_DB_URL "
                                + "at the database this version created.", failure);
            }
            if (t instanceof ConnectException || (t instanceof SQLException sql && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("08"))) {
                return new FailureAnalysis("The ledger cannot reach its database: " + firstLine(message),
                        "Start PostgreSQL or fix LEDGER_DB_URL / spring.datasource.url (and LEDGER_DB_USER, "
                                + "LEDGER_DB_PASSWORD). Without a configured URL the service starts an embedded "
                                + "PostgreSQL under LEDGER_HOME.", failure);
            }
        }
        return null;
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
