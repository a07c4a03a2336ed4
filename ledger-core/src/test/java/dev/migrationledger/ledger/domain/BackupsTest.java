package dev.migrationledger.ledger.domain;

import dev.migrationledger.ledger.api.BackupVerified;
import dev.migrationledger.ledger.api.VerifyBackup;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.migrationledger.ledger.domain.Given.*;
import static dev.migrationledger.ledger.domain.LedgerMatchers.*;

/** R3: a change class in backupRequiredFor needs a backup verified after the environment's last apply. */
class BackupsTest extends ProjectFixtureTest {

    /** Everything prod needs for a DESTRUCTIVE version 1 except the backup. */
    private static Object[] destructiveReadyForProdExceptBackup() {
        return events(projectRegistered(), plannedDestructive("1"), approvedTwice("1"), applied(STAGING, "1"));
    }

    @Test
    void verifyingABackupIsRecorded() {
        given(projectRegistered())
                .when(verifyBackup(PROD, "backup-prod"))
                .expectEvents(new BackupVerified(PROJECT, PROD, "backup-prod", "s3://backups/prod", EARLIER, 30, true,
                        NOW, NOW, APPROVER_1));
    }

    @Test
    void aBackupTakenInTheFutureIsRejected() {
        given(projectRegistered())
                .when(new VerifyBackup(PROJECT, PROD, "b-1", "s3://b", NOW.plusSeconds(3600), 30, true, APPROVER_1))
                .expectException(rejectedWith(ReasonCode.INVALID_INPUT));
    }

    @Test
    void aBackupOfAnUnknownEnvironmentIsRejected() {
        given(projectRegistered())
                .when(verifyBackup("qa", "b-1"))
                .expectException(rejectedWith(ReasonCode.UNKNOWN_ENVIRONMENT));
    }

    @Test
    void destructiveAuthorizationWithoutBackupIsDenied() {
        given(destructiveReadyForProdExceptBackup())
                .when(authorize(PROD, "run-1", "1"))
                .expectResultMessagePayloadMatching(denied("1", ReasonCode.NO_BACKUP))
                .expectEventsMatching(payloads(executionDenied("1", ReasonCode.NO_BACKUP)));
    }

    @Test
    void destructiveAuthorizationAfterAVerifiedBackupIsGranted() {
        given(destructiveReadyForProdExceptBackup(), backupVerified(PROD))
                .when(authorize(PROD, "run-1", "1"))
                .expectResultMessagePayloadMatching(authorizedOnly("1"))
                .expectEvents(authorization(NOW, PROD, "run-1", List.of("1"), List.of("1")));
    }

    @Test
    void aBackupOfAnotherEnvironmentDoesNotCount() {
        given(destructiveReadyForProdExceptBackup(), backupVerified(STAGING))
                .when(authorize(PROD, "run-1", "1"))
                .expectResultMessagePayloadMatching(denied("1", ReasonCode.NO_BACKUP));
    }

    @Test
    void aBackupRecordedBeforeTheLastApplyDoesNotCount() {
        given(projectRegistered(), planned("1"), plannedDestructive("2"), approvedTwice("1"), approvedTwice("2"),
                applied(STAGING, "1"), applied(STAGING, "2"),
                backupVerified(PROD), applied(PROD, "1"))
                .when(authorize(PROD, "run-2", "2"))
                .expectResultMessagePayloadMatching(denied("2", ReasonCode.NO_BACKUP));
    }

    @Test
    void additiveChangesNeedNoBackup() {
        given(projectRegistered(), planned("1"), approvedTwice("1"), applied(STAGING, "1"))
                .when(authorize(PROD, "run-1", "1"))
                .expectResultMessagePayloadMatching(authorizedOnly("1"));
    }

    @Test
    void authorizationMissingApprovalsAndBackupListsBoth() {
        given(projectRegistered(), plannedDestructive("1"), approved("1", APPROVER_1), applied(STAGING, "1"))
                .when(authorize(PROD, "run-1", "1"))
                .expectResultMessagePayloadMatching(denied("1", ReasonCode.NO_APPROVAL, ReasonCode.NO_BACKUP))
                .expectEventsMatching(payloads(executionDenied("1", ReasonCode.NO_APPROVAL, ReasonCode.NO_BACKUP)));
    }

    @Test
    void applyWithoutBackupIsRecordedWithViolation() {
        given(destructiveReadyForProdExceptBackup())
                .when(record(PROD, appliedFact("run-1/1", "1")))
                .expectResultMessagePayloadMatching(
                        factResult("run-1/1", false, ReasonCode.UNAUTHORIZED, ReasonCode.NO_BACKUP))
                .expectEventsMatching(payloads(appliedWith("1", ReasonCode.UNAUTHORIZED, ReasonCode.NO_BACKUP)));
    }
}
