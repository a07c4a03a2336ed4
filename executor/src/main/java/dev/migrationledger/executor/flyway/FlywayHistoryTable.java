package dev.migrationledger.executor.flyway;

import dev.migrationledger.ledger.domain.Version;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code flyway_schema_history}, read over plain JDBC (Flyway's own API hides the installed ranks of repeatables):
 * the one reader of it, for {@code ledger migrate} settling its outbox, {@code ledger import} and {@code ledger scan}
 * reading the history and {@code ledger lint --verify-on} reading what was applied.
 */
public final class FlywayHistoryTable {

    public static final String TABLE = "flyway_schema_history";

    /**
     * Bookkeeping, not migrations: the schema-creation marker and the rows {@code repair} wrote for deleted
     * migrations. A BASELINE row is kept (that version is in the database), and so are undo rows.
     */
    private static final Set<String> BOOKKEEPING = Set.of("SCHEMA", "DELETE");

    /** Row types that record a run of a migration; a BASELINE marker or an undo is none. */
    private static final Set<String> RUNS = Set.of("SQL", "JDBC", "SCRIPT", "SPRING_JDBC", "CUSTOM");

    /**
     * One migration row, as Flyway wrote it in the migration's transaction. {@code key} is the ledger's version key:
     * {@code 1.2}, or {@code R__<description>} for a repeatable; an undo row names the version it undid.
     * {@code installedOn} is when Flyway wrote the row, i.e. when the migration finished.
     */
    public record Row(int installedRank, String key, String description, String type, String script,
                      Integer flywayChecksum, String installedBy, Instant installedOn, int executionTimeMs,
                      boolean success) {

        /** A run of a migration, the row an apply leaves (what {@code ledger migrate}'s outbox waits for). */
        public boolean isRun() {
            return RUNS.contains(type);
        }

        public boolean isUndo() {
            return type != null && type.startsWith("UNDO_");
        }
    }

    /** A row Flyway would not have written (a hand-edited table): a usage error, naming the row. */
    public static final class UnreadableRowException extends IllegalArgumentException {
        UnreadableRowException(String message) {
            super(message);
        }
    }

    private final String table;

    private FlywayHistoryTable(String table) {
        this.table = table;
    }

    /** The table in {@code schema}, where {@code ledger migrate} points Flyway. */
    public static FlywayHistoryTable in(String schema) {
        return new FlywayHistoryTable(LedgerOutbox.quote(schema) + "." + LedgerOutbox.quote(TABLE));
    }

    /** The table in the connection's current schema. */
    public static FlywayHistoryTable inCurrentSchema(Connection connection) throws SQLException {
        return in(LedgerOutbox.currentSchema(connection));
    }

    public boolean exists(Connection connection) throws SQLException {
        return LedgerOutbox.exists(connection, table);
    }

    public int maxRank(Connection connection) throws SQLException {
        if (!exists(connection)) {
            return 0;
        }
        try (ResultSet rs = connection.createStatement().executeQuery(
                "SELECT coalesce(max(installed_rank), 0) FROM " + table)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** The migration rows (bookkeeping left out) with a rank above {@code afterRank}, in rank order. */
    public List<Row> rowsAfter(Connection connection, int afterRank) throws SQLException {
        List<Row> rows = new ArrayList<>();
        if (!exists(connection)) {
            return rows;
        }
        String sql = "SELECT installed_rank, version, description, type, script, checksum, installed_by, installed_on,"
                + " execution_time, success FROM " + table + " WHERE installed_rank > ? ORDER BY installed_rank";
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setInt(1, afterRank);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String type = rs.getString("type");
                    if (type != null && BOOKKEEPING.contains(type)) {
                        continue;
                    }
                    int rank = rs.getInt("installed_rank");
                    String description = rs.getString("description");
                    int checksum = rs.getInt("checksum");
                    Integer flywayChecksum = rs.wasNull() ? null : checksum;
                    Timestamp installedOn = rs.getTimestamp("installed_on");
                    rows.add(new Row(rank, key(rank, rs.getString("version"), description), description, type,
                            rs.getString("script"), flywayChecksum, rs.getString("installed_by"),
                            installedOn == null ? null : installedOn.toInstant(), rs.getInt("execution_time"),
                            rs.getBoolean("success")));
                }
            }
        }
        return rows;
    }

    /**
     * The ledger's key for a row: its version, or {@code R__<description>} for a repeatable (Flyway's description is
     * the file name's part after {@code R__} with underscores as spaces, so this is the file's key).
     */
    private static String key(int rank, String version, String description) {
        String raw = version != null ? version
                : description == null ? null : Version.REPEATABLE_PREFIX + description.replace(' ', '_');
        if (raw == null) {
            throw new UnreadableRowException(TABLE + " row " + rank + " has neither a version nor a description;"
                    + " the ledger cannot tell which migration it is: repair the row, then run again");
        }
        try {
            return Version.parse(raw).key();
        } catch (IllegalArgumentException e) {
            throw new UnreadableRowException(TABLE + " row " + rank + " names no migration the ledger can record ("
                    + e.getMessage() + "); repair the row, then run again");
        }
    }
}
