package dev.migrationledger.executor.lint.verify;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A database created on the target's server for one verification and dropped afterwards. {@code CREATE
 * DATABASE … TEMPLATE} would copy the target's schema but needs the target to have no other session,
 * which a live database never has; the schema is rebuilt by replaying the applied migrations instead.
 */
public final class ScratchDatabase implements AutoCloseable {

    private final String serverUrl;
    private final String user;
    private final String password;
    private final String name;

    private ScratchDatabase(String serverUrl, String user, String password, String name) {
        this.serverUrl = serverUrl;
        this.user = user;
        this.password = password;
        this.name = name;
    }

    public static ScratchDatabase create(Connection target, String targetUrl, String user, String password) throws SQLException {
        String name = "ledger_verify_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Statement st = target.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        return new ScratchDatabase(targetUrl, user, password, name);
    }

    public String name() {
        return name;
    }

    public String url() {
        return withDatabase(serverUrl, name);
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), user, password);
    }

    /** Drops it from a connection to the target's own database; WITH (FORCE) ends a session left behind. */
    @Override
    public void close() throws SQLException {
        try (Connection c = DriverManager.getConnection(serverUrl, user, password); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + (c.getMetaData().getDatabaseMajorVersion() >= 13 ? " WITH (FORCE)" : ""));
        }
    }

    /** Replaces the database part of a JDBC URL, keeping host, port and parameters. */
    static String withDatabase(String jdbcUrl, String database) {
        int schemeEnd = jdbcUrl.indexOf("//");
        int pathStart = jdbcUrl.indexOf('/', schemeEnd + 2);
        int query = jdbcUrl.indexOf('?', schemeEnd + 2);
        String base = pathStart < 0 ? (query < 0 ? jdbcUrl : jdbcUrl.substring(0, query)) : jdbcUrl.substring(0, pathStart);
        String params = query < 0 ? "" : jdbcUrl.substring(query);
        return base + "/" + database + params;
    }
}
