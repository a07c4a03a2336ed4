package dev.migrationledger.ledger.api;

import java.time.Instant;

/**
 * One row of the target database's own migration history (Flyway's flyway_schema_history,
 * Liquibase's DATABASECHANGELOG, …) as a scanner read it. {@code checksum} is the ledger's SHA-256
 * of the script when the scanner could compute it, else null: other tools' own checksums (Flyway's
 * CRC32, Liquibase's MD5) are not comparable with ours and travel in {@code change.toolChecksum}.
 * {@code sourceId} and {@code change} are as on a baseline entry, so a scan matches each row to what
 * an import recorded from it; both are null from scanners that predate them.
 */
public record HistoryRow(String version, String checksum, boolean success, Instant installedOn,
                         String description, String installedBy, String sourceId, ToolChange change) {

    public HistoryRow(String version, String checksum, boolean success, Instant installedOn, String description,
                      String installedBy) {
        this(version, checksum, success, installedOn, description, installedBy, null, null);
    }
}
