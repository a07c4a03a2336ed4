package dev.migrationledger.ledger.domain;

import dev.migrationledger.ledger.api.AuthorizationGrant;
import dev.migrationledger.ledger.api.AuthorizationResult;
import dev.migrationledger.ledger.api.AuthorizeExecution;
import dev.migrationledger.ledger.api.ExecutionAuthorized;
import dev.migrationledger.ledger.api.ExecutionDenied;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.migrationledger.ledger.domain.Given.*;
import static dev.migrationledger.ledger.domain.LedgerMatchers.*;

/**
 * What was approved is what runs: an authorization names the checksum of each file the executor will run,
 * and only the planned (and, where required, approved) checksum is authorized (R1, R2, SPEC §10).
 */
class ChecksumBindingTest extends ProjectFixtureTest {

    private static ExecutionAuthorized granted(String environment, String executionId, String version, String checksum) {
        return new ExecutionAuthorized(PROJECT, environment, executionId,
                List.of(new ExecutionAuthorized.AuthorizedMigration(version, checksum)), List.of(version),
                files(version, checksum), TARGET, NOW.plus(VALIDITY), "abc123", "https://ci/1", NOW, NOW, CI);
    }

    @Test
    void theFileOfThePlannedChecksumIsAuthorizedWithItsChecksumTargetAndExpiry() {
        given(projectRegistered(), planned("1"))
                .when(authorizeFiles(DEV, "run-1", files("1", checksum("1"))))
                .expectResultMessagePayloadMatching(authorizedOnly("1"))
                .expectEvents(granted(DEV, "run-1", "1", checksum("1")));
    }

    @Test
    void theAnswerCarriesTheGrantTheServiceSigns() {
        ExecutionAuthorized event = granted(DEV, "run-1", "1", checksum("1"));
        given(projectRegistered(), planned("1"))
                .when(authorizeFiles(DEV, "run-1", files("1", checksum("1"))))
                .expectResultMessagePayloadMatching(instanceOf(AuthorizationResult.class,
                        r -> AuthorizationGrant.of(event).equals(r.grant()), "the grant of " + event));
    }

    @Test
    void aFileEditedAfterItWasPlannedIsDeniedAsNotPlanned() {
        given(projectRegistered(), planned("1"))
                .when(authorizeFiles(DEV, "run-1", files("1", otherChecksum("1"))))
                .expectResultMessagePayloadMatching(denied("1", ReasonCode.CHECKSUM_NOT_PLANNED))
                .expectEventsMatching(payloads(executionDenied("1", ReasonCode.CHECKSUM_NOT_PLANNED)));
    }

    @Test
    void aFileEditedAfterApprovalIsDeniedThoughThePlannedChecksumIsApproved() {
        given(projectRegistered(), planned("1"), approvedTwice("1"), applied(STAGING, "1"))
                .when(authorizeFiles(PROD, "run-1", files("1", otherChecksum("1"))))
                .expectResultMessagePayloadMatching(denied("1", ReasonCode.CHECKSUM_NOT_PLANNED));
    }

    @Test
    void anEditedFileIsDeniedWithEveryOtherReasonAtOnce() {
        given(projectRegistered(), planned("1"))
                .when(authorizeFiles(PROD, "run-1", files("1", otherChecksum("1"))))
                .expectResultMessagePayloadMatching(denied("1", ReasonCode.CHECKSUM_NOT_PLANNED, ReasonCode.NO_APPROVAL,
                        ReasonCode.NOT_PROMOTED));
    }

    @Test
    void theDenialRecordsTheChecksumThatWasPresented() {
        given(projectRegistered(), planned("1"))
                .when(authorizeFiles(DEV, "run-1", files("1", otherChecksum("1"))))
                .expectEventsMatching(payloads(instanceOf(ExecutionDenied.class,
                        e -> e.checksums().equals(files("1", otherChecksum("1"))) && TARGET.equals(e.targetDigest()),
                        "ExecutionDenied naming the edited file's checksum and the target")));
    }

    @Test
    void theAuthorizedPrefixStopsAtTheFirstEditedFile() {
        given(projectRegistered(), planned("1"), planned("2"), planned("3"))
                .when(authorizeFiles(DEV, "run-1", files("1", checksum("1"), "2", otherChecksum("2"), "3", checksum("3"))))
                .expectResultMessagePayloadMatching(deniedAfter(List.of("1"), "2", ReasonCode.CHECKSUM_NOT_PLANNED));
    }

    @Test
    void aChangedRepeatableIsDeniedUntilItIsReplanned() {
        given(projectRegistered(), planned("R__views"), applied(DEV, "R__views"))
                .when(authorizeFiles(DEV, "run-2", files("R__views", otherChecksum("R__views"))))
                .expectResultMessagePayloadMatching(denied("R__views", ReasonCode.CHECKSUM_NOT_PLANNED));
    }

    @Test
    void aReplannedRepeatableIsAuthorizedWithItsNewChecksum() {
        given(projectRegistered(), planned("R__views"), applied(DEV, "R__views"),
                replanned(definition("R__views", ChangeClass.ADDITIVE, otherChecksum("R__views")), checksum("R__views")))
                .when(authorizeFiles(DEV, "run-2", files("R__views", otherChecksum("R__views"))))
                .expectResultMessagePayloadMatching(authorizedOnly("R__views"));
    }

    @Test
    void checksumsOfAVersionNotRequestedAreRejected() {
        AuthorizeExecution request = new AuthorizeExecution(PROJECT, DEV, "run-1", List.of("1"),
                files("1", checksum("1"), "2", checksum("2")), TARGET, null, false, null, null, CI);
        given(projectRegistered(), planned("1"), planned("2"))
                .when(request)
                .expectException(rejectedWith(ReasonCode.INVALID_INPUT))
                .expectNoEvents();
    }

    @Test
    void aMalformedChecksumOrTargetIsRejected() {
        AuthorizeExecution request = new AuthorizeExecution(PROJECT, DEV, "run-1", List.of("1"),
                files("1", "not-a-checksum"), "nor-a-target", null, false, null, null, CI);
        given(projectRegistered(), planned("1"))
                .when(request)
                .expectException(rejectedWith(ReasonCode.INVALID_INPUT, ReasonCode.INVALID_INPUT))
                .expectNoEvents();
    }

    @Test
    void theSameRequestAgainReturnsTheFirstAnswerWithItsGrant() {
        ExecutionAuthorized first = granted(DEV, "run-1", "1", checksum("1"));
        given(projectRegistered(), planned("1"), first)
                .when(authorizeFiles(DEV, "run-1", files("1", checksum("1"))))
                .expectResultMessagePayloadMatching(instanceOf(AuthorizationResult.class,
                        r -> r.authorized().equals(List.of("1")) && AuthorizationGrant.of(first).equals(r.grant()),
                        "the first answer"))
                .expectNoEvents();
    }

    @Test
    void theSameExecutionIdWithAnotherFileIsAConflict() {
        given(projectRegistered(), planned("1"), granted(DEV, "run-1", "1", checksum("1")))
                .when(authorizeFiles(DEV, "run-1", files("1", otherChecksum("1"))))
                .expectException(rejectedWith(ReasonCode.IDEMPOTENCY_CONFLICT))
                .expectNoEvents();
    }

    @Test
    void aRequestedValidityBoundsTheExpiry() {
        AuthorizeExecution shortLived = new AuthorizeExecution(PROJECT, DEV, "run-1", List.of("1"),
                files("1", checksum("1")), TARGET, Duration.ofMinutes(10), false, null, null, CI);
        given(projectRegistered(), planned("1"))
                .when(shortLived)
                .expectEventsMatching(payloads(instanceOf(ExecutionAuthorized.class,
                        e -> e.expiresAt().equals(NOW.plus(Duration.ofMinutes(10))), "expiring 10 minutes from now")));
    }

    @Test
    void aValidityOverADayIsRejected() {
        AuthorizeExecution tooLong = new AuthorizeExecution(PROJECT, DEV, "run-1", List.of("1"), null, null,
                Duration.ofDays(2), false, null, null, CI);
        given(projectRegistered(), planned("1"))
                .when(tooLong)
                .expectException(rejectedWith(ReasonCode.INVALID_INPUT));
    }

    // ---- dry run -------------------------------------------------------------------------------

    @Test
    void aDryRunJudgesAndRecordsNothing() {
        given(projectRegistered(), planned("1"))
                .when(dryRun(DEV, "run-1", files("1", checksum("1"))))
                .expectResultMessagePayloadMatching(authorizedOnly("1"))
                .expectNoEvents();
    }

    @Test
    void aDryRunListsEveryDeniedVersionWithEveryReason() {
        given(projectRegistered(), planned("1"), planned("2"), plannedDestructive("3"), applied(STAGING, "1"),
                approvedTwice("1"))
                .when(dryRun(PROD, "run-1", files("1", checksum("1"), "2", otherChecksum("2"), "3", checksum("3"))))
                .expectResultMessagePayloadMatching(instanceOf(AuthorizationResult.class, r ->
                        r.authorized().equals(List.of("1")) && r.grant() == null && r.denied().size() == 2
                                && codes(r.denied().get(0).reasons()).equals(List.of(ReasonCode.CHECKSUM_NOT_PLANNED,
                                ReasonCode.NO_APPROVAL, ReasonCode.NOT_PROMOTED))
                                && r.denied().get(1).version().equals("3")
                                && codes(r.denied().get(1).reasons()).equals(List.of(ReasonCode.NO_APPROVAL,
                                ReasonCode.NO_BACKUP, ReasonCode.NOT_PROMOTED)),
                        "1 authorized; 2 and 3 denied, each with all its reasons"))
                .expectNoEvents();
    }

    @Test
    void aDryRunIsJudgedAfreshEvenForAnExecutionIdUsedBefore() {
        given(projectRegistered(), planned("1"), granted(DEV, "run-1", "1", checksum("1")))
                .when(dryRun(DEV, "run-1", files("1", otherChecksum("1"))))
                .expectResultMessagePayloadMatching(denied("1", ReasonCode.CHECKSUM_NOT_PLANNED))
                .expectNoEvents();
    }

    // ---- facts ---------------------------------------------------------------------------------

    @Test
    void aFactCarriesTheDigestOfTheSignedAuthorizationItRanUnder() {
        String digest = checksum("the envelope's payload");
        given(projectRegistered(), planned("1"), granted(DEV, "run-1", "1", checksum("1")))
                .when(record(DEV, new dev.migrationledger.ledger.api.ExecutionFact("run-1/1", "1", checksum("1"),
                        ExecutionStatus.APPLIED, NOW.minusSeconds(5), NOW, null, "abc123", "https://ci/1", Tool.LEDGER,
                        null, digest)))
                .expectEventsMatching(payloads(instanceOf(dev.migrationledger.ledger.api.MigrationApplied.class,
                        e -> digest.equals(e.authorizationDigest()) && "run-1".equals(e.authorizationId())
                                && e.violations().isEmpty(), "MigrationApplied naming the authorization and its digest")));
    }
}
