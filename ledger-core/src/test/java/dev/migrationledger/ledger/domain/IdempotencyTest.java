package dev.migrationledger.ledger.domain;

import dev.migrationledger.ledger.api.ApproveMigration;
import dev.migrationledger.ledger.api.ExecutionFact;
import dev.migrationledger.ledger.api.FactResult;
import dev.migrationledger.ledger.api.MigrationApplied;
import dev.migrationledger.ledger.api.RecordRollback;
import dev.migrationledger.ledger.api.VerifyBackup;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.migrationledger.ledger.domain.Given.*;
import static dev.migrationledger.ledger.domain.LedgerMatchers.*;

/** R9: the same key with the same content returns the first result and records nothing; other content conflicts. */
class IdempotencyTest extends ProjectFixtureTest {

    /** What the aggregate recorded for {@code appliedFact("run-1/1", "1")} in dev, without an authorization. */
    private static MigrationApplied firstRun() {
        ExecutionFact f = appliedFact("run-1/1", "1");
        return new MigrationApplied(PROJECT, DEV, "1", checksum("1"), "run-1/1", null, null, f.startedAt(), f.finishedAt(),
                f.gitSha(), f.pipelineUrl(), f.tool(), null, List.of(ReasonCode.UNAUTHORIZED.reason("not authorized")),
                f.finishedAt(), EARLIER, CI);
    }

    @Test
    void theSameFactAgainReturnsTheFirstResultAndRecordsNothing() {
        given(projectRegistered(), planned("1"), firstRun())
                .when(record(DEV, appliedFact("run-1/1", "1")))
                .expectResultMessagePayloadMatching(factResult("run-1/1", true, ReasonCode.UNAUTHORIZED))
                .expectNoEvents();
    }

    @Test
    void theSameExecutionIdWithOtherContentIsAConflict() {
        given(projectRegistered(), planned("1"), firstRun())
                .when(record(DEV, appliedFact("run-1/1", "1", otherChecksum("1"))))
                .expectException(rejectedWith(ReasonCode.IDEMPOTENCY_CONFLICT))
                .expectNoEvents();
    }

    @Test
    void theSameExecutionIdInAnotherEnvironmentIsAConflict() {
        given(projectRegistered(), planned("1"), firstRun())
                .when(record(STAGING, appliedFact("run-1/1", "1")))
                .expectException(rejectedWith(ReasonCode.IDEMPOTENCY_CONFLICT));
    }

    @Test
    void aBatchWithOneConflictingExecutionIdRecordsNothing() {
        given(projectRegistered(), planned("1"), planned("2"), firstRun())
                .when(record(DEV, appliedFact("run-1/2", "2"), appliedFact("run-1/1", "1", otherChecksum("1"))))
                .expectException(rejectedWith(ReasonCode.IDEMPOTENCY_CONFLICT))
                .expectNoEvents();
    }

    @Test
    void aBatchNamingOneExecutionIdTwiceWithDifferentContentRecordsNothing() {
        given(projectRegistered(), planned("1"))
                .when(record(DEV, appliedFact("run-1/1", "1"), failedFact("run-1/1", "1")))
                .expectException(rejectedWith(ReasonCode.IDEMPOTENCY_CONFLICT))
                .expectNoEvents();
    }

    @Test
    void aBatchRepeatingAnEarlierFactRecordsOnlyTheNewOnes() {
        given(projectRegistered(), planned("1"), planned("2"), firstRun())
                .when(record(DEV, appliedFact("run-1/1", "1"), appliedFact("run-1/2", "2")))
                .expectResultMessagePayloadMatching(instanceOf(List.class, l -> l.size() == 2
                        && ((FactResult) l.get(0)).replayed() && !((FactResult) l.get(1)).replayed(),
                        "the first result replayed, the second new"))
                .expectEventsMatching(payloads(appliedWith("2", ReasonCode.UNAUTHORIZED)));
    }

    @Test
    void theSameApprovalAgainReturnsItsIdAndRecordsNothing() {
        given(projectRegistered(), planned("1"), approved("1", APPROVER_1))
                .when(approve("1", APPROVER_1))
                .expectResultMessagePayload(approvalId("1", APPROVER_1))
                .expectNoEvents();
    }

    @Test
    void theSameApprovalIdWithOtherContentIsAConflict() {
        given(projectRegistered(), planned("1"), approved("1", APPROVER_1))
                .when(new ApproveMigration(PROJECT, "1", approvalId("1", APPROVER_1), checksum("1"), PROD,
                        "looks good", APPROVER_1))
                .expectException(rejectedWith(ReasonCode.IDEMPOTENCY_CONFLICT))
                .expectNoEvents();
    }

    @Test
    void theSameBackupAgainRecordsNothing() {
        given(projectRegistered(), backupVerified(PROD))
                .when(verifyBackup(PROD, "backup-prod"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void theSameBackupIdWithOtherContentIsAConflict() {
        given(projectRegistered(), backupVerified(PROD))
                .when(new VerifyBackup(PROJECT, PROD, "backup-prod", "s3://elsewhere", EARLIER, 30, true, APPROVER_1))
                .expectException(rejectedWith(ReasonCode.IDEMPOTENCY_CONFLICT))
                .expectNoEvents();
    }

    @Test
    void theSameAuthorizationAgainReturnsTheFirstResultAndRecordsNothing() {
        given(projectRegistered(), planned("1"), planned("2"), approvedTwice("1"), applied(STAGING, "1"),
                authorization(EARLIER, PROD, "run-1", List.of("1"), List.of("1", "2")),
                new dev.migrationledger.ledger.api.ExecutionDenied(PROJECT, PROD, "run-1", "2",
                        List.of(ReasonCode.NO_APPROVAL.reason("no")), List.of("1", "2"), null, null, null, null, EARLIER, EARLIER, CI))
                .when(authorize(PROD, "run-1", "1", "2"))
                .expectResultMessagePayloadMatching(deniedAfter(List.of("1"), "2", ReasonCode.NO_APPROVAL))
                .expectNoEvents();
    }

    @Test
    void theSameExecutionIdAuthorizingOtherVersionsIsAConflict() {
        given(projectRegistered(), planned("1"), planned("2"), authorized(DEV, "run-1", "1"))
                .when(authorize(DEV, "run-1", "1", "2"))
                .expectException(rejectedWith(ReasonCode.IDEMPOTENCY_CONFLICT))
                .expectNoEvents();
    }

    @Test
    void theSameExecutionIdInAnotherEnvironmentIsAnAuthorizationConflict() {
        given(projectRegistered(), planned("1"), authorized(DEV, "run-1", "1"))
                .when(authorize(STAGING, "run-1", "1"))
                .expectException(rejectedWith(ReasonCode.IDEMPOTENCY_CONFLICT));
    }

    @Test
    void theSameRollbackWithoutATimeAgainIsAReplay() {
        RecordRollback rollback = new RecordRollback(PROJECT, DEV, "1", "rollback-1", "broke checkout", null,
                Tool.FLYWAY, CI);
        given(projectRegistered(), planned("1"), applied(DEV, "1"),
                new dev.migrationledger.ledger.api.MigrationRolledBack(PROJECT, DEV, "1", "rollback-1",
                        "broke checkout", Tool.FLYWAY, List.of(), EARLIER, EARLIER, CI))
                .when(rollback)
                .expectResultMessagePayloadMatching(instanceOf(FactResult.class, FactResult::replayed, "a replay"))
                .expectNoEvents();
    }
}
