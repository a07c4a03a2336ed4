package dev.migrationledger.executor.scan;

import dev.migrationledger.executor.client.ApiShapes.DriftScanRequest;
import dev.migrationledger.executor.client.ApiShapes.ScannedHistoryRow;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * What {@code ledger scan} reads from the target: Flyway's history rows with the checksums we can vouch
 * for, and the live schema's description. The ledger compares both with what it recorded.
 */
public record TargetScan(List<ScannedHistoryRow> history, SchemaFingerprint schema) {

    /** @param files checksums of a migration directory's files, or null without {@code --dir} */
    public static TargetScan read(Connection connection, FlywayChecksums files) throws SQLException {
        List<ScannedHistoryRow> history = FlywayHistoryTable.read(connection).stream()
                .map(r -> new ScannedHistoryRow(r.key(), r.sha256() != null ? r.sha256() : files == null ? null : files.sha256(r),
                        r.success(), HistoryImport.rfc3339(r.installedOn()), r.description(), r.installedBy()))
                .toList();
        return new TargetScan(history, CatalogReader.read(connection));
    }

    /** A new scan id each time: a scan is an observation at one moment, never a replay of an earlier one. */
    public DriftScanRequest request() {
        return new DriftScanRequest("scan-" + UUID.randomUUID(), "flyway", history, schema.fingerprint(), schema.lines());
    }
}
