package dev.migrationledger.ledger.api;

import java.time.Instant;

public record BackupVerified(String project, String environment, String backupId, String location,
                             Instant takenAt, Integer retentionDays, boolean restoreTested,
                             Instant occurredAt, Instant recordedAt, String actor) implements LedgerEvent {
}
