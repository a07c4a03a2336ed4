package dev.migrationledger.executor.scan;

import dev.migrationledger.executor.schema.CatalogReader;
import dev.migrationledger.executor.schema.SchemaFingerprint;
import dev.migrationledger.ledger.api.HistoryRow;
import dev.migrationledger.ledger.domain.Tool;
import dev.migrationledger.ledger.wire.DriftScanRequest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * What {@code ledger scan} reads from the target: a tool's history rows, read exactly as {@code ledger import}
 * reads them, and the live schema's description. The ledger compares both with what it recorded.
 */
public record TargetScan(Tool tool, String table, List<HistoryRow> history, SchemaFingerprint schema) {

    /** @param dir the tool's migration directory, or null */
    public static TargetScan read(Connection connection, String from, Path dir) throws SQLException {
        ToolHistory source = ToolHistory.choose(from, connection, true);
        List<HistoryRow> history = source.read(connection, dir).stream().map(HistoryEntry::scanned).toList();
        return new TargetScan(source.tool(), source.table(), history, CatalogReader.read(connection));
    }

    /** A new scan id each time: a scan is an observation at one moment, never a replay of an earlier one. */
    public DriftScanRequest request() {
        return new DriftScanRequest("scan-" + UUID.randomUUID(), tool, history, schema.fingerprint(), schema.lines());
    }
}
