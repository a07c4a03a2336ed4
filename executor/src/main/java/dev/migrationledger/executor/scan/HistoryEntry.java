package dev.migrationledger.executor.scan;

import dev.migrationledger.executor.client.ApiShapes.BaselineEntry;
import dev.migrationledger.executor.client.ApiShapes.ScannedHistoryRow;
import dev.migrationledger.ledger.api.ToolChange;
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

    public BaselineEntry baseline() {
        return new BaselineEntry(version, description, checksum, rfc3339(installedAt), installedBy, success, sourceId,
                change);
    }

    public ScannedHistoryRow scanned() {
        return new ScannedHistoryRow(version, checksum, success, rfc3339(installedAt), description, installedBy,
                sourceId, change);
    }

    /** RFC 3339 UTC at millisecond precision, as facts carry times. */
    static String rfc3339(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
