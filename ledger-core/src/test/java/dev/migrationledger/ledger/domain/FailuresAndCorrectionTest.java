package dev.migrationledger.ledger.domain;

import dev.migrationledger.ledger.api.MigrationCorrected;
import dev.migrationledger.ledger.api.PlanOutcome;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.migrationledger.ledger.domain.Given.*;
import static dev.migrationledger.ledger.domain.LedgerMatchers.*;

/** R6: a failure blocks later authorizations until a retry succeeds or a correction supersedes it. */
class FailuresAndCorrectionTest extends ProjectFixtureTest {

    @Test
    void aFailedExecutionIsRecorded() {
        given(projectRegistered(), planned("1"), authorized(DEV, "run-1", "1"))
                .when(record(DEV, failedFact("run-1/1", "1")))
                .expectResultMessagePayloadMatching(factResult("run-1/1", false))
                .expectEventsMatching(payloads(failedWith("1")));
    }

    @Test
    void aFailureBlocksLaterAuthorizationsInThatEnvironment() {
        given(projectRegistered(), planned("1"), planned("2"), failed(DEV, "1"))
                .when(authorize(DEV, "run-2", "2"))
                .expectResultMessagePayloadMatching(
                        denied("2", ReasonCode.OUT_OF_ORDER, ReasonCode.BLOCKED_BY_FAILURE));
    }

    @Test
    void aFailureBlocksEvenWhereOrderIsNotEnforced() {
        given(projectRegistered(), planned("1"), planned("2"), failed(DEV, "1"),
                policyChanged(DEV, new EnvironmentPolicy(0, java.util.Set.of(), null, true, false)))
                .when(authorize(DEV, "run-2", "2"))
                .expectResultMessagePayloadMatching(denied("2", ReasonCode.BLOCKED_BY_FAILURE));
    }

    @Test
    void aFailureDoesNotBlockOtherEnvironments() {
        given(projectRegistered(), planned("1"), planned("2"), failed(DEV, "1"), applied(STAGING, "1"))
                .when(authorize(STAGING, "run-2", "2"))
                .expectResultMessagePayloadMatching(authorizedOnly("2"));
    }

    @Test
    void retryingTheFailedVersionItselfIsAuthorized() {
        given(projectRegistered(), planned("1"), planned("2"), failed(DEV, "1"))
                .when(authorize(DEV, "run-2", "1"))
                .expectResultMessagePayloadMatching(authorizedOnly("1"));
    }

    @Test
    void aSuccessfulRetryUnblocksTheEnvironment() {
        given(projectRegistered(), planned("1"), planned("2"), failed(DEV, "1"), applied(DEV, "1"))
                .when(authorize(DEV, "run-3", "2"))
                .expectResultMessagePayloadMatching(authorizedOnly("2"));
    }

    @Test
    void correctingAFailedMigrationIsRecorded() {
        given(projectRegistered(), planned("1"), planned("1.1"), failed(DEV, "1"))
                .when(correct("1", "1.1"))
                .expectEvents(new MigrationCorrected(PROJECT, "1", "1.1", "superseded by a fix", NOW, NOW, AUTHOR));
    }

    @Test
    void aCorrectionUnblocksTheEnvironment() {
        given(projectRegistered(), planned("1"), planned("1.1"), failed(DEV, "1"), corrected("1", "1.1"))
                .when(authorize(DEV, "run-2", "1.1"))
                .expectResultMessagePayloadMatching(authorizedOnly("1.1"));
    }

    @Test
    void correctingAMigrationThatNeverFailedIsRejected() {
        given(projectRegistered(), planned("1"), planned("1.1"))
                .when(correct("1", "1.1"))
                .expectException(rejectedWith(ReasonCode.INVALID_INPUT))
                .expectNoEvents();
    }

    @Test
    void correctingWithAnOlderVersionIsRejected() {
        given(projectRegistered(), planned("0.9"), planned("1"), failed(DEV, "1"))
                .when(correct("1", "0.9"))
                .expectException(rejectedWith(ReasonCode.INVALID_INPUT));
    }

    @Test
    void correctingWithAnUnplannedVersionIsRejected() {
        given(projectRegistered(), planned("1"), failed(DEV, "1"))
                .when(correct("1", "1.1"))
                .expectException(rejectedWith(ReasonCode.UNKNOWN_MIGRATION));
    }

    @Test
    void correctingAgainWithTheSameVersionRecordsNothing() {
        given(projectRegistered(), planned("1"), planned("1.1"), failed(DEV, "1"), corrected("1", "1.1"))
                .when(correct("1", "1.1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anApplyWhileBlockedIsRecordedWithViolation() {
        given(projectRegistered(), planned("1"), planned("2"), failed(DEV, "1"),
                policyChanged(DEV, new EnvironmentPolicy(0, java.util.Set.of(), null, true, false)))
                .when(record(DEV, appliedFact("run-2/2", "2")))
                .expectEventsMatching(payloads(appliedWith("2", ReasonCode.UNAUTHORIZED, ReasonCode.BLOCKED_BY_FAILURE)));
    }

    // ---- fail → fix the file → plan → migrate (R1 pins only what succeeded) ---------------------

    private static final String FIXED = otherChecksum("1");

    @Test
    void afterAFailureTheFixedFileIsAuthorizedOnceReplanned() {
        given(projectRegistered(), planned("1"), failed(DEV, "1"),
                replanned(definition("1", ChangeClass.ADDITIVE, FIXED), checksum("1")))
                .when(authorizeFiles(DEV, "run-2", files("1", FIXED)))
                .expectResultMessagePayloadMatching(authorizedOnly("1"));
    }

    @Test
    void afterAFailureTheFixedFileIsDeniedUntilReplanned() {
        given(projectRegistered(), planned("1"), failed(DEV, "1"))
                .when(authorizeFiles(DEV, "run-2", files("1", FIXED)))
                .expectResultMessagePayloadMatching(denied("1", ReasonCode.CHECKSUM_NOT_PLANNED));
    }

    @Test
    void theRetryOfTheFixedFileIsRecordedWithoutViolations() {
        given(projectRegistered(), planned("1"), failed(DEV, "1"),
                replanned(definition("1", ChangeClass.ADDITIVE, FIXED), checksum("1")),
                new dev.migrationledger.ledger.api.ExecutionAuthorized(PROJECT, DEV, "run-2",
                        List.of(new dev.migrationledger.ledger.api.ExecutionAuthorized.AuthorizedMigration("1", FIXED)),
                        List.of("1"), files("1", FIXED), TARGET, EARLIER.plus(VALIDITY), "abc123", "https://ci/1",
                        EARLIER, EARLIER, CI))
                .when(record(DEV, appliedFact("run-2/1", "1", FIXED)))
                .expectEventsMatching(payloads(appliedWith("1")));
    }

    @Test
    void afterTheFixedFileSucceededItIsPinnedNotTheFailedOne() {
        given(projectRegistered(), planned("1"), failed(DEV, "1"),
                replanned(definition("1", ChangeClass.ADDITIVE, FIXED), checksum("1")), applied(DEV, "1", FIXED))
                .when(plan(definition("1", ChangeClass.ADDITIVE)))
                .expectException(rejectedWith(ReasonCode.CHECKSUM_PINNED));
    }

    @Test
    void planningTheFixedFileAgainAfterItSucceededChangesNothing() {
        given(projectRegistered(), planned("1"), failed(DEV, "1"),
                replanned(definition("1", ChangeClass.ADDITIVE, FIXED), checksum("1")), applied(DEV, "1", FIXED))
                .when(plan(definition("1", ChangeClass.ADDITIVE, FIXED)))
                .expectResultMessagePayload(List.of(new PlanOutcome("1", PlanOutcome.Outcome.UNCHANGED)))
                .expectNoEvents();
    }
}
