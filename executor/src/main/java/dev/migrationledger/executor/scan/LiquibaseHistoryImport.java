package dev.migrationledger.executor.scan;

import dev.migrationledger.executor.client.ApiShapes.BaselineEntry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * Liquibase's {@code databasechangelog}. Changeset ids are free text ("1", "add-index"), not versions, so
 * the version is {@code orderexecuted}, Liquibase's own run order; the changeset's identity (file, id,
 * author) is the description and the source id. MD5SUM is Liquibase's checksum of the parsed changeset,
 * not of a file, so checksum stays null. SKIPPED rows ran nothing and are left out; FAILED rows are
 * imported as failures; EXECUTED, RERAN and MARK_RAN count as applied (MARK_RAN: the change was already there).
 */
final class LiquibaseHistoryImport implements HistoryImport {

    @Override
    public String tool() {
        return "liquibase";
    }

    @Override
    public String table() {
        return "databasechangelog";
    }

    @Override
    public List<BaselineEntry> read(Connection connection) throws SQLException {
        List<BaselineEntry> entries = new ArrayList<>();
        // DATEEXECUTED is a timestamp without time zone in the session's zone when Liquibase wrote it.
        String sql = "SELECT id, author, filename, dateexecuted AT TIME ZONE current_setting('TimeZone') AS executed,"
                + " orderexecuted, exectype FROM databasechangelog ORDER BY orderexecuted, dateexecuted, id";
        try (ResultSet rs = connection.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                String type = rs.getString("exectype");
                if ("SKIPPED".equalsIgnoreCase(type)) {
                    continue;
                }
                String id = rs.getString("id");
                String author = rs.getString("author");
                String file = rs.getString("filename");
                Timestamp executed = rs.getTimestamp("executed");
                int order = rs.getInt("orderexecuted");
                if (rs.wasNull() || order < 1) {
                    // found by HistoryRowsFuzzTest: a negative order became a version the ledger refuses
                    throw new HistoryImportException("databasechangelog row " + file + "::" + id + "::" + author
                            + " has ORDEREXECUTED " + (rs.wasNull() ? "null" : order) + ", not Liquibase's run order"
                            + " (1, 2, …); the ledger cannot give it a version: repair the row, then run again");
                }
                entries.add(new BaselineEntry(String.valueOf(order),
                        id + " by " + author + " from " + file, null,
                        HistoryImport.rfc3339(executed == null ? null : executed.toInstant()), null,
                        !"FAILED".equalsIgnoreCase(type), file + "::" + id + "::" + author));
            }
        }
        return entries;
    }
}
