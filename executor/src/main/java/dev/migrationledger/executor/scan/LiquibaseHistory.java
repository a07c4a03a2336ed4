package dev.migrationledger.executor.scan;

import dev.migrationledger.ledger.api.ToolChange;
import dev.migrationledger.ledger.domain.Tool;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Liquibase's {@code databasechangelog}, one entry per changeset row in ORDEREXECUTED order. A changeset is
 * identified by {@code filename::id::author} (its sourceId and changeId); ids are free text, so the version sent
 * is ORDEREXECUTED and the ledger keeps the version it first gave the changeset, in every environment. MD5SUM
 * is Liquibase's checksum of the parsed changeset, not of a file: it travels as the tool's checksum, never as
 * ours. EXECTYPE: EXECUTED and MARK_RAN (marked as run without running: changelog-sync, a precondition's
 * MARK_RAN) are applied, RERAN is applied again (runOnChange, runAlways), FAILED is a failure, SKIPPED ran
 * nothing and is left out (Liquibase 4 writes neither of the last two, older versions may have).
 */
final class LiquibaseHistory implements ToolHistory {

    @Override
    public Tool tool() {
        return Tool.LIQUIBASE;
    }

    @Override
    public String table() {
        return "databasechangelog";
    }

    @Override
    public List<HistoryEntry> read(Connection connection, Path dir) throws SQLException {
        Set<String> columns = columns(connection);
        // DATEEXECUTED is a timestamp without time zone in the session's zone when Liquibase wrote it.
        String sql = "SELECT id, author, filename, dateexecuted AT TIME ZONE current_setting('TimeZone') AS executed,"
                + " orderexecuted, exectype, md5sum, description, tag, "
                + (columns.contains("deployment_id") ? "deployment_id" : "NULL AS deployment_id")
                + " FROM databasechangelog ORDER BY orderexecuted, dateexecuted, id";
        List<HistoryEntry> entries = new ArrayList<>();
        try (ResultSet rs = connection.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                String id = rs.getString("id");
                String file = rs.getString("filename");
                String author = rs.getString("author");
                String identity = file + "::" + id + "::" + author;
                String exectype = rs.getString("exectype");
                long order = rs.getLong("orderexecuted");
                boolean noOrder = rs.wasNull();
                // found by HistoryRowsFuzzTest: rows Liquibase never writes (hand-edited tables) must be refused, not crash
                if (id == null || file == null || author == null || exectype == null) {
                    throw new HistoryImportException("databasechangelog row " + identity + " lacks its id, author, filename"
                            + " or EXECTYPE; the ledger cannot tell which changeset it is: repair the row, then run again");
                }
                if (noOrder || order < 1) {
                    throw new HistoryImportException("databasechangelog row " + identity + " has ORDEREXECUTED "
                            + (noOrder ? "null" : order) + ", not Liquibase's run order (1, 2, …); the ledger cannot place it:"
                            + " repair the row, then run again");
                }
                String type = exectype.strip().toUpperCase(Locale.ROOT);
                if (type.equals("SKIPPED")) {
                    continue;
                }
                Timestamp executed = rs.getTimestamp("executed");
                String what = rs.getString("description");
                ToolChange change = new ToolChange(identity, author, file, rs.getString("md5sum"), order, type,
                        rs.getString("deployment_id"), rs.getString("tag"), null, null, null, null);
                entries.add(new HistoryEntry(String.valueOf(order), what == null || what.isBlank() ? id : id + ": " + what,
                        null, executed == null ? null : executed.toInstant(), null, !type.equals("FAILED"), identity, change));
            }
        }
        return entries;
    }

    private static Set<String> columns(Connection connection) throws SQLException {
        Set<String> columns = new HashSet<>();
        try (ResultSet rs = connection.createStatement().executeQuery("SELECT * FROM databasechangelog WHERE false")) {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                columns.add(rs.getMetaData().getColumnName(i).toLowerCase(Locale.ROOT));
            }
        }
        return columns;
    }
}
