package dev.migrationledger.ledger.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record VerifyBackup(@TargetAggregateIdentifier String projectId,
                           String environment,
                           String backupId,
                           String location,
                           Instant takenAt,
                           Integer retentionDays,
                           boolean restoreTested,
                           BackupEvidence evidence,
                           String actor) {

    public VerifyBackup(String projectId, String environment, String backupId, String location, Instant takenAt,
                        Integer retentionDays, boolean restoreTested, String actor) {
        this(projectId, environment, backupId, location, takenAt, retentionDays, restoreTested, null, actor);
    }
}
