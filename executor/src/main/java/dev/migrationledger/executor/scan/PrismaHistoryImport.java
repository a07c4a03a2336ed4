package dev.migrationledger.executor.scan;

import dev.migrationledger.executor.client.ApiShapes.BaselineEntry;
import dev.migrationledger.ledger.domain.Version;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prisma's {@code _prisma_migrations}: {@code 20240101120000_init} becomes version {@code 20240101120000},
 * description {@code init}. Prisma's checksum is the SHA-256 of {@code migration.sql}, the same hash as
 * ours for a file with LF line ends, so a 64-hex checksum is passed on. Rows marked rolled back
 * ({@code migrate resolve --rolled-back}) changed nothing and are left out; rows without
 * {@code finished_at} failed (or are still running) and are imported as failures.
 */
final class PrismaHistoryImport implements HistoryImport {

    private static final Pattern NAME = Pattern.compile("([0-9]+)_(.*)");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    @Override
    public String tool() {
        return "prisma";
    }

    @Override
    public String table() {
        return "_prisma_migrations";
    }

    @Override
    public List<BaselineEntry> read(Connection connection) throws SQLException {
        List<BaselineEntry> entries = new ArrayList<>();
        String sql = "SELECT id, checksum, finished_at, migration_name, rolled_back_at, started_at"
                + " FROM _prisma_migrations ORDER BY started_at, migration_name";
        try (ResultSet rs = connection.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                if (rs.getTimestamp("rolled_back_at") != null) {
                    continue;
                }
                String name = rs.getString("migration_name");
                Matcher parsed = NAME.matcher(name == null ? "" : name);
                if (!parsed.matches() || !isVersion(parsed.group(1))) {
                    throw new HistoryImportException("_prisma_migrations row " + rs.getString("id") + " is named '" + name
                            + "', not <timestamp>_<name>; the ledger cannot give it a version");
                }
                Timestamp finished = rs.getTimestamp("finished_at");
                Timestamp at = finished != null ? finished : rs.getTimestamp("started_at");
                String checksum = rs.getString("checksum");
                entries.add(new BaselineEntry(parsed.group(1), parsed.group(2).replace('_', ' '),
                        checksum != null && SHA256.matcher(checksum).matches() ? checksum : null,
                        HistoryImport.rfc3339(at == null ? null : at.toInstant()), null, finished != null,
                        table() + ":" + rs.getString("id")));
            }
        }
        return entries;
    }

    /** A timestamp of 200 digits is no version either (found by HistoryRowsFuzzTest). */
    private static boolean isVersion(String digits) {
        try {
            Version.parse(digits);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
