package dev.migrationledger.executor.scan;

import dev.migrationledger.ledger.api.HistoryRow;
import dev.migrationledger.ledger.api.ToolChange;
import dev.migrationledger.ledger.wire.BaselineRequest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One change in another tool's history, read once and sent either as a baseline entry ({@code ledger import})
 * or as a scanned row ({@code ledger scan}), so that both say the same thing about it.
 *
 * @param version  the ledger's version for tools with versions; the tool's order for Liquibase and Alembic
 *                 (the ledger keeps the version it first gave the change)
 * @param checksum our SHA-256 of the script when it is known to be what ran, else null
 * @param sourceId the history row it came from, stable across reads of the same table
 * @param note     what the user should know about this entry (printed, never sent), or null
 */
public record HistoryEntry(String version, String description, String checksum, Instant installedAt,
                           String installedBy, boolean success, String sourceId, ToolChange change, String note) {

    public HistoryEntry(String version, String description, String checksum, Instant installedAt, String installedBy,
                        boolean success, String sourceId, ToolChange change) {
        this(version, description, checksum, installedAt, installedBy, success, sourceId, change, null);
    }

    public BaselineRequest.ImportedMigration baseline() {
        return new BaselineRequest.ImportedMigration(version, description, checksum, millis(installedAt), installedBy,
                success, sourceId, change);
    }

    public HistoryRow scanned() {
        return new HistoryRow(version, checksum, success, millis(installedAt), description, installedBy, sourceId,
                change);
    }

    /** At millisecond precision, as facts carry times: a re-read of the same row sends the same text. */
    private static Instant millis(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
