package dev.migrationledger.executor.scan;

import dev.migrationledger.executor.client.ApiShapes.BaselineEntry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * {@code flyway_schema_history}: one entry per migration row (repeatables once per run, failed rows with
 * {@code success: false}, a BASELINE row as its version); checksum is our SHA-256 for ranks the executor
 * applied, null for the rest; the row's rank is its source id.
 */
final class FlywayHistoryImport implements HistoryImport {

    @Override
    public String tool() {
        return "flyway";
    }

    @Override
    public String table() {
        return FlywayHistoryTable.TABLE;
    }

    @Override
    public List<BaselineEntry> read(Connection connection) throws SQLException {
        return FlywayHistoryTable.read(connection).stream()
                .map(r -> new BaselineEntry(r.key(), r.description(), r.sha256(), HistoryImport.rfc3339(r.installedOn()),
                        r.installedBy(), r.success(), table() + ":" + r.installedRank()))
                .toList();
    }
}
