package dev.migrationledger.executor.flyway;

import dev.migrationledger.ledger.domain.Version;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads Flyway's history table over plain JDBC (Flyway's own API hides installed ranks of repeatables). */
public final class FlywayHistoryReader {

    /** Row types that record a migration run; SCHEMA, BASELINE, DELETE and the like are bookkeeping. */
    private static final Set<String> MIGRATION_TYPES = Set.of("SQL", "JDBC", "SCRIPT", "SPRING_JDBC", "CUSTOM");

    private final String table;

    /** @param table the qualified, quoted history table, e.g. {@code "public"."flyway_schema_history"} */
    public FlywayHistoryReader(String table) {
        this.table = table;
    }

    public boolean exists(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            st.setString(1, table);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    public int maxRank(Connection c) throws SQLException {
        if (!exists(c)) {
            return 0;
        }
        try (ResultSet rs = c.createStatement().executeQuery("SELECT coalesce(max(installed_rank), 0) FROM " + table)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Migration rows with a rank above {@code afterRank}, in rank order. */
    public List<HistoryRow> rowsAfter(Connection c, int afterRank) throws SQLException {
        List<HistoryRow> rows = new ArrayList<>();
        if (!exists(c)) {
            return rows;
        }
        String sql = "SELECT installed_rank, version, description, type, script, installed_on, execution_time, success"
                + " FROM " + table + " WHERE installed_rank > ? ORDER BY installed_rank";
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setInt(1, afterRank);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    if (!MIGRATION_TYPES.contains(rs.getString("type"))) {
                        continue;
                    }
                    String version = rs.getString("version");
                    String key = version != null ? Version.parse(version).key()
                            : FlywayEngine.repeatableKey(rs.getString("script")).orElse(null);
                    Timestamp installedOn = rs.getTimestamp("installed_on");
                    rows.add(new HistoryRow(rs.getInt("installed_rank"), key, rs.getString("description"),
                            rs.getString("script"), installedOn.toInstant(), rs.getInt("execution_time"),
                            rs.getBoolean("success")));
                }
            }
        }
        return rows;
    }
}
