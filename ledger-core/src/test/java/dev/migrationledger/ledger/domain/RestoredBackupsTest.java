package dev.migrationledger.ledger.domain;

import dev.migrationledger.ledger.api.BackupEvidence;
import dev.migrationledger.ledger.api.BackupVerified;
import dev.migrationledger.ledger.api.MigrationApplied;
import dev.migrationledger.ledger.api.VerifyBackup;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.migrationledger.ledger.domain.Given.*;
import static dev.migrationledger.ledger.domain.LedgerMatchers.*;

/** §10 verified backups: restore evidence judged against the last recorded schema; policy backupVerification. */
class RestoredBackupsTest extends ProjectFixtureTest {

    private static final String FINGERPRINT = "f".repeat(64);
    private static final BackupEvidence EVIDENCE = new BackupEvidence("pg_restore", "custom", FINGERPRINT, null, null,
            3, 42, Map.of("public.invoice", 40L, "public.customer", 2L, "public.empty", 0L), 1234);

    private static final EnvironmentPolicy RESTORED = new EnvironmentPolicy(2, Set.of(ChangeClass.DESTRUCTIVE),
            STAGING, false, false, BackupVerification.RESTORED, "P3D");

    private static MigrationApplied appliedWithSchema(String environment, String version, String fingerprint) {
        MigrationApplied a = applied(environment, version);
        return new MigrationApplied(a.project(), a.environment(), a.version(), a.checksum(), a.executionId(),
                a.authorizationId(), a.authorizationDigest(), a.startedAt(), a.finishedAt(), a.gitSha(),
                a.pipelineUrl(), a.tool(), fingerprint, List.of(), a.occurredAt(), a.recordedAt(), a.actor());
    }

    private static VerifyBackup restoreTested(String backupId) {
        return new VerifyBackup(PROJECT, PROD, backupId, "file:///dumps/prod.dump", EARLIER, null, true, EVIDENCE,
                APPROVER_1);
    }

    @Test
    void theLedgerJudgesTheRestoredFingerprintAgainstTheLastRecordedOne() {
        given(projectRegistered(), planned("1"), appliedWithSchema(PROD, "1", FINGERPRINT))
                .when(restoreTested("b-1"))
                .expectEvents(new BackupVerified(PROJECT, PROD, "b-1", "file:///dumps/prod.dump", EARLIER, null, true,
                        EVIDENCE.judged(FINGERPRINT), NOW, NOW, APPROVER_1));
    }

    @Test
    void anotherSchemaIsRecordedAsNotMatching() {
        given(projectRegistered(), planned("1"), appliedWithSchema(PROD, "1", "0".repeat(64)))
                .when(restoreTested("b-1"))
                .expectEvents(new BackupVerified(PROJECT, PROD, "b-1", "file:///dumps/prod.dump", EARLIER, null, true,
                        new BackupEvidence("pg_restore", "custom", FINGERPRINT, false, "0".repeat(64), 3, 42,
                                EVIDENCE.rowsByTable(), 1234), NOW, NOW, APPROVER_1));
    }

    @Test
    void evidenceWithoutRestoreTestedIsRejected() {
        given(projectRegistered())
                .when(new VerifyBackup(PROJECT, PROD, "b-1", "file:///d", EARLIER, null, false, EVIDENCE, APPROVER_1))
                .expectException(rejectedWith(ReasonCode.INVALID_INPUT));
    }

    @Test
    void withRestoredOnlyARestoreTestedBackupCountsForR3() {
        Object[] ready = events(projectRegistered(), policyChanged(PROD, RESTORED), plannedDestructive("1"),
                approvedTwice("1"), applied(STAGING, "1"));
        BackupVerified declared = new BackupVerified(PROJECT, PROD, "b-0", "s3://b", EARLIER, 30, false, EARLIER,
                EARLIER, APPROVER_1);
        given(ready, declared)
                .when(authorize(PROD, "run-1", "1"))
                .expectResultMessagePayloadMatching(denied("1", ReasonCode.NO_BACKUP));
    }

    @Test
    void withRestoredARestoreTestedBackupAuthorizes() {
        given(projectRegistered(), policyChanged(PROD, RESTORED), plannedDestructive("1"), approvedTwice("1"),
                applied(STAGING, "1"), new BackupVerified(PROJECT, PROD, "b-1", "file:///d", EARLIER, null, true,
                        EVIDENCE, EARLIER, EARLIER, APPROVER_1))
                .when(authorize(PROD, "run-1", "1"))
                .expectResultMessagePayloadMatching(authorizedOnly("1"));
    }

    @Test
    void theDefaultStillCountsADeclaredBackup() {
        given(projectRegistered(), plannedDestructive("1"), approvedTwice("1"), applied(STAGING, "1"),
                new BackupVerified(PROJECT, PROD, "b-0", "s3://b", EARLIER, 30, false, EARLIER, EARLIER, APPROVER_1))
                .when(authorize(PROD, "run-1", "1"))
                .expectResultMessagePayloadMatching(authorizedOnly("1"));
    }
}
