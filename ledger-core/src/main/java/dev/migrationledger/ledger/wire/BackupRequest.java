package dev.migrationledger.ledger.wire;

import dev.migrationledger.ledger.api.BackupEvidence;
import java.time.Instant;

/**
 * {@code POST …/backups}: a backup of an environment; {@code backupId} is its idempotency key. {@code evidence}
 * is what a restore test found ({@code ledger backup verify}) and requires {@code restoreTested}; an absent
 * {@code restoreTested} means false.
 */
public record BackupRequest(String backupId, String location, Instant takenAt, Integer retentionDays,
                            Boolean restoreTested, BackupEvidence evidence) {
}
