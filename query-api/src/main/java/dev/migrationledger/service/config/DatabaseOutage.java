package dev.migrationledger.service.config;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * Whether a failure means "the database was away or cut the connection" rather than "the request or
 * the code is wrong". Such a failure rolled its transaction back, so the command may be retried and
 * the client is told 503 + Retry-After, never 500. One definition, used by the command retries, the
 * problem responses and the token filter.
 */
public final class DatabaseOutage {

    private DatabaseOutage() {
    }

    public static boolean causedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof CannotGetJdbcConnectionException || t instanceof DataAccessResourceFailureException
                    || t instanceof TransientDataAccessException) {
                return true;
            }
            if (t instanceof SQLException sql && outageState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * 08 connection exceptions, 57P operator intervention (pg_terminate_backend, shutdown), 53
     * insufficient resources, 40001/40P01 serialization failure and deadlock; and no state at all,
     * which is how the pool reports a connection it already knows to be closed ("Connection is closed").
     */
    private static boolean outageState(String state) {
        return state == null || state.startsWith("08") || state.startsWith("57P") || state.startsWith("53")
                || state.equals("40001") || state.equals("40P01");
    }
}
