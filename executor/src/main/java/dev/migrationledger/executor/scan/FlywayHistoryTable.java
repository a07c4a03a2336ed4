package dev.migrationledger.executor.scan;

import dev.migrationledger.executor.flyway.LedgerOutbox;
import dev.migrationledger.ledger.domain.Version;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code flyway_schema_history} in the connection's current schema, with our SHA-256 for the ranks the
 * executor applied (from its outbox). Flyway's own checksum is a CRC32 and is kept only to match files
 * ({@link FlywayChecksums}); it is never sent as a checksum.
 */
public final class FlywayHistoryTable {

    /**
     * One migration row. {@code key} is the ledger's version key: {@code 1.2}, or {@code R__<description>}; an
     * undo row (type {@code UNDO_SQL}…) names the version it undid.
     */
    public record Row(int installedRank, String key, String description, String type, String script,
                      Integer flywayChecksum, String sha256, String installedBy, Instant installedOn, boolean success) {
    }

    /**
     * Bookkeeping, not migrations: the schema-creation marker and the rows {@code repair} wrote for deleted
     * migrations. A BASELINE row is kept (that version is in the database), and so are undo rows.
     */
    private static final Set<String> NOT_MIGRATIONS = Set.of("SCHEMA", "DELETE");

    public static final String TABLE = "flyway_schema_history";

    private FlywayHistoryTable() {
    }

    /** The rows in rank order; empty when the table does not exist. */
    public static List<Row> read(Connection connection) throws SQLException {
        List<Row> rows = new ArrayList<>();
        String schema = currentSchema(connection);
        String table = LedgerOutbox.quote(schema) + "." + LedgerOutbox.quote(TABLE);
        if (!ToolHistory.exists(connection, table)) {
            return rows;
        }
        Map<Integer, String> ours = outboxChecksums(connection, schema);
        try (ResultSet rs = connection.createStatement().executeQuery("SELECT installed_rank, version, description,"
                + " type, script, checksum, installed_by, installed_on, success FROM " + table + " ORDER BY installed_rank")) {
            while (rs.next()) {
                if (NOT_MIGRATIONS.contains(rs.getString("type"))) {
                    continue;
                }
                String version = rs.getString("version");
                String description = rs.getString("description");
                String key = version != null ? Version.parse(version).key()
                        : Version.REPEATABLE_PREFIX + description.replace(' ', '_');
                int rank = rs.getInt("installed_rank");
                int value = rs.getInt("checksum");
                Integer checksum = rs.wasNull() ? null : value;
                rows.add(new Row(rank, key, description, rs.getString("type"), rs.getString("script"), checksum,
                        ours.get(rank), rs.getString("installed_by"), rs.getTimestamp("installed_on").toInstant(),
                        rs.getBoolean("success")));
            }
        }
        return rows;
    }

    private static Map<Integer, String> outboxChecksums(Connection connection, String schema) throws SQLException {
        Map<Integer, String> checksums = new HashMap<>();
        if (!ToolHistory.exists(connection, LedgerOutbox.SCHEMA + ".ledger_outbox")) {
            return checksums;
        }
        try (var st = connection.prepareStatement("SELECT installed_rank, checksum FROM " + LedgerOutbox.SCHEMA
                + ".ledger_outbox WHERE history_schema = ? AND installed_rank IS NOT NULL")) {
            st.setString(1, schema);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    checksums.put(rs.getInt(1), rs.getString(2));
                }
            }
        }
        return checksums;
    }

    private static String currentSchema(Connection connection) throws SQLException {
        try (ResultSet rs = connection.createStatement().executeQuery("SELECT current_schema()")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
