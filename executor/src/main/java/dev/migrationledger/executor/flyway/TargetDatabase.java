package dev.migrationledger.executor.flyway;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The database being migrated. The password comes from {@code LEDGER_DB_PASSWORD} only, never a flag:
 * flags end up in shell history and {@code ps} output.
 */
public record TargetDatabase(String url, String user, String password) {

    public TargetDatabase {
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("--db takes a PostgreSQL JDBC URL (jdbc:postgresql://host:5432/db), got: " + url);
        }
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }
}
