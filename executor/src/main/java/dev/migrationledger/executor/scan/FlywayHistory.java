package dev.migrationledger.executor.scan;

import dev.migrationledger.executor.flyway.FlywayHistoryTable;
import dev.migrationledger.executor.flyway.LedgerOutbox;
import dev.migrationledger.executor.flyway.MigrationDirectory;
import dev.migrationledger.ledger.api.ToolChange;
import dev.migrationledger.ledger.domain.Tool;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * {@code flyway_schema_history}: one entry per row in rank order — versioned, repeatable (once per run),
 * BASELINE, failed and undo rows; the schema marker and repair's DELETE rows are bookkeeping and left out.
 * The checksum is our SHA-256 for ranks the executor applied (its outbox) and, with the migration directory,
 * for rows whose CRC32 equals the file's; the CRC32 itself, the script, the rank and the type travel as the
 * tool's record of the row.
 */
final class FlywayHistory implements ToolHistory {

    @Override
    public Tool tool() {
        return Tool.FLYWAY;
    }

    @Override
    public String table() {
        return FlywayHistoryTable.TABLE;
    }

    @Override
    public List<HistoryEntry> read(Connection connection, Path dir) throws SQLException {
        FlywayChecksums files = dir == null ? null : new FlywayChecksums(MigrationDirectory.readForMigrate(dir));
        String schema = LedgerOutbox.currentSchema(connection);
        Map<Integer, String> ours = LedgerOutbox.checksumsByRank(connection, schema);
        List<FlywayHistoryTable.Row> rows;
        try {
            rows = FlywayHistoryTable.in(schema).rowsAfter(connection, 0);
        } catch (FlywayHistoryTable.UnreadableRowException e) {
            throw new HistoryImportException(e.getMessage());
        }
        return rows.stream().map(r -> {
            String known = ours.get(r.installedRank());
            String sha256 = r.isUndo() ? null : known != null ? known : files == null ? null : files.sha256(r);
            ToolChange change = new ToolChange(r.script(), null, r.script(),
                    r.flywayChecksum() == null ? null : String.valueOf(r.flywayChecksum()), (long) r.installedRank(),
                    r.type(), null, null, null, null, null, null);
            return new HistoryEntry(r.key(), r.description(), sha256, r.installedOn(), r.installedBy(), r.success(),
                    table() + ":" + r.installedRank(), change);
        }).toList();
    }

}
