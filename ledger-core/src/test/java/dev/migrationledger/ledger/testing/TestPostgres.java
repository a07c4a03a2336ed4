package dev.migrationledger.ledger.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * The one PostgreSQL of a test JVM (SPEC §9): {@code LEDGER_TEST_DB_URL} if set, else a
 * Testcontainers PostgreSQL where a Docker engine runs, else embedded PostgreSQL. Each caller gets a
 * fresh database on that server, so tests never see each other's data or an earlier run's leftovers.
 */
public final class TestPostgres {

    /** A database created for one test class: its JDBC URL and credentials. */
    public record Database(String name, String url, String user, String password) {

        public Connection connect() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }
    }

    private record Server(String adminUrl, String user, String password, String description) {
    }

    private static Server server;

    private TestPostgres() {
    }

    /** Creates a new, empty database named after {@code purpose} plus a random suffix. */
    public static Database freshDatabase(String purpose) {
        Server s = server();
        String name = (purpose.replaceAll("[^A-Za-z0-9]", "_") + "_" + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase(Locale.ROOT);
        if (name.length() > 60) {
            name = name.substring(name.length() - 60);
        }
        try (Connection c = DriverManager.getConnection(s.adminUrl(), s.user(), s.password());
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database on " + s.description(), e);
        }
        return new Database(name, withDatabase(s.adminUrl(), name), s.user(), s.password());
    }

    public static synchronized String describe() {
        return server().description();
    }

    private static synchronized Server server() {
        if (server == null) {
            server = start();
        }
        return server;
    }

    private static Server start() {
        String external = System.getenv("LEDGER_TEST_DB_URL");
        if (external != null && !external.isBlank()) {
            return new Server(external, System.getenv().getOrDefault("LEDGER_TEST_DB_USER", "postgres"),
                    System.getenv().getOrDefault("LEDGER_TEST_DB_PASSWORD", ""), "LEDGER_TEST_DB_URL " + external);
        }
        if (dockerAvailable()) {
            PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:17-alpine");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            return new Server(container.getJdbcUrl(), container.getUsername(), container.getPassword(), "Testcontainers");
        }
        try {
            EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the temporary data directory goes with it
                }
            }));
            return new Server(embedded.getJdbcUrl("postgres", "postgres"), "postgres", "", "embedded PostgreSQL");
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL", e);
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | Error e) {
            return false;
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
