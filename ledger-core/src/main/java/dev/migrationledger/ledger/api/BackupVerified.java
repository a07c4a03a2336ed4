package dev.migrationledger.ledger.api;

import java.time.Instant;

/** {@code evidence}: what the restore test found, when the backup was restore-tested by ledger backup verify. */
public record BackupVerified(String project, String environment, String backupId, String location,
                             Instant takenAt, Integer retentionDays, boolean restoreTested, BackupEvidence evidence,
                             Instant occurredAt, Instant recordedAt, String actor) implements EnvironmentScoped {

    /** A declared backup, without restore evidence. */
    public BackupVerified(String project, String environment, String backupId, String location, Instant takenAt,
                          Integer retentionDays, boolean restoreTested, Instant occurredAt, Instant recordedAt,
                          String actor) {
        this(project, environment, backupId, location, takenAt, retentionDays, restoreTested, null, occurredAt,
                recordedAt, actor);
    }
}
