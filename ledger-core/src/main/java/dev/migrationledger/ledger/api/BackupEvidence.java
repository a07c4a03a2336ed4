package dev.migrationledger.ledger.api;

import java.util.Map;

/**
 * What a restore test of a backup found (SPEC §10): the tool and dump format, the fingerprint of the restored
 * schema and whether it is the target's last recorded one (judged by the ledger, null when it has none), the
 * tables and rows restored, and how long the restore took.
 */
public record BackupEvidence(String tool, String format, String fingerprint, Boolean fingerprintMatches,
                             String expectedFingerprint, int tables, long rows, Map<String, Long> rowsByTable,
                             long durationMs) {

    public BackupEvidence {
        rowsByTable = rowsByTable == null ? Map.of() : Map.copyOf(rowsByTable);
    }

    public BackupEvidence judged(String expected) {
        return new BackupEvidence(tool, format, fingerprint, expected == null ? null : expected.equals(fingerprint),
                expected, tables, rows, rowsByTable, durationMs);
    }
}
