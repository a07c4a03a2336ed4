package dev.migrationledger.executor.scan;

import dev.migrationledger.executor.flyway.LedgerOutbox;
import dev.migrationledger.ledger.domain.Version;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
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
                String type = rs.getString("type");
                if (type != null && NOT_MIGRATIONS.contains(type)) {
                    continue;
                }
                int rank = rs.getInt("installed_rank");
                String description = rs.getString("description");
                String key = key(rank, rs.getString("version"), description);
                int value = rs.getInt("checksum");
                Integer checksum = rs.wasNull() ? null : value;
                Timestamp installedOn = rs.getTimestamp("installed_on");
                rows.add(new Row(rank, key, description, type, rs.getString("script"), checksum, ours.get(rank),
                        rs.getString("installed_by"), installedOn == null ? null : installedOn.toInstant(),
                        rs.getBoolean("success")));
            }
        }
        return rows;
    }

    /**
     * The ledger's key for a row: its version, or {@code R__<description>} for a repeatable. A row Flyway would
     * not have written (found by HistoryRowsFuzzTest: a hand-edited table) is refused, naming the row.
     */
    private static String key(int rank, String version, String description) {
        String raw = version != null ? version : description == null ? null : Version.REPEATABLE_PREFIX + description.replace(' ', '_');
        if (raw == null) {
            throw new HistoryImportException(TABLE + " row " + rank + " has neither a version nor a description;"
                    + " the ledger cannot tell which migration it is: repair the row, then run again");
        }
        try {
            return Version.parse(raw).key();
        } catch (IllegalArgumentException e) {
            throw new HistoryImportException(TABLE + " row " + rank + " names no migration the ledger can record ("
                    + e.getMessage() + "); repair the row, then run again");
        }
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
