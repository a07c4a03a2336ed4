package dev.migrationledger.ledger.domain;

import dev.migrationledger.ledger.api.ApprovalRevoked;
import dev.migrationledger.ledger.api.ApproveMigration;
import dev.migrationledger.ledger.api.MigrationApproved;
import dev.migrationledger.ledger.api.RevokeApproval;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.migrationledger.ledger.domain.Given.*;
import static dev.migrationledger.ledger.domain.LedgerMatchers.*;

/** R2: approvers are never the author, approvals are bound to a checksum, and count distinct principals. */
class ApprovalsTest extends ProjectFixtureTest {

    @Test
    void approvalByAnotherPrincipalIsRecorded() {
        given(projectRegistered(), planned("1"))
                .when(approve("1", APPROVER_1))
                .expectResultMessagePayload(approvalId("1", APPROVER_1))
                .expectEvents(new MigrationApproved(PROJECT, "1", approvalId("1", APPROVER_1), checksum("1"), null,
                        "looks good", NOW, NOW, APPROVER_1));
    }

    @Test
    void approvalByAuthorIsRejected() {
        given(projectRegistered(), planned("1"))
                .when(approve("1", AUTHOR))
                .expectException(rejectedWith(ReasonCode.SELF_APPROVAL))
                .expectNoEvents();
    }

    @Test
    void approvalByAuthorUnderAnotherCaseIsRejected() {
        given(projectRegistered(), planned("1"))
                .when(approve("1", "Alice"))
                .expectException(rejectedWith(ReasonCode.SELF_APPROVAL))
                .expectNoEvents();
    }

    @Test
    void approvalByThePrincipalWhoPlannedItIsRejected() {
        given(projectRegistered(), planned("1"))
                .when(approve("1", PLANNER))
                .expectException(rejectedWith(ReasonCode.SELF_APPROVAL))
                .expectNoEvents();
    }

    @Test
    void secondApprovalOfTheSameChecksumBySamePrincipalIsRejectedAsDuplicate() {
        given(projectRegistered(), planned("1"), approved("1", APPROVER_1))
                .when(new ApproveMigration(PROJECT, "1", "another-approval-id", checksum("1"), null, "looks good",
                        "BOB"))
                .expectException(rejectedWith(ReasonCode.DUPLICATE_APPROVER))
                .expectNoEvents();
    }

    @Test
    void approvalOfAStaleChecksumIsRejected() {
        given(projectRegistered(), planned(definition("1", ChangeClass.ADDITIVE, otherChecksum("1"))))
                .when(approve("1", APPROVER_1, checksum("1")))
                .expectException(rejectedWith(ReasonCode.CHECKSUM_MISMATCH))
                .expectNoEvents();
    }

    @Test
    void selfApprovalOfAStaleChecksumListsEveryReason() {
        given(projectRegistered(), planned(definition("1", ChangeClass.ADDITIVE, otherChecksum("1"))))
                .when(approve("1", AUTHOR, checksum("1")))
                .expectException(rejectedWith(ReasonCode.SELF_APPROVAL, ReasonCode.CHECKSUM_MISMATCH))
                .expectNoEvents();
    }

    @Test
    void approvalOfAnUnplannedVersionIsRejected() {
        given(projectRegistered(), planned("1"))
                .when(approve("2", APPROVER_1))
                .expectException(rejectedWith(ReasonCode.UNKNOWN_MIGRATION));
    }

    @Test
    void approvalForAnUnknownEnvironmentIsRejected() {
        given(projectRegistered(), planned("1"))
                .when(new ApproveMigration(PROJECT, "1", "a-1", checksum("1"), "qa", null, APPROVER_1))
                .expectException(rejectedWith(ReasonCode.UNKNOWN_ENVIRONMENT));
    }

    @Test
    void twoDistinctApprovalsOfThePlannedChecksumAuthorizeProd() {
        given(projectRegistered(), planned("1"), approvedTwice("1"), applied(STAGING, "1"))
                .when(authorize(PROD, "run-1", "1"))
                .expectResultMessagePayloadMatching(authorizedOnly("1"))
                .expectEvents(authorization(NOW, PROD, "run-1", List.of("1"), List.of("1")));
    }

    @Test
    void prodWithOneApprovalIsDeniedForLackOfApprovals() {
        given(projectRegistered(), planned("1"), approved("1", APPROVER_1), applied(STAGING, "1"))
                .when(authorize(PROD, "run-1", "1"))
                .expectResultMessagePayloadMatching(denied("1", ReasonCode.NO_APPROVAL))
                .expectEventsMatching(payloads(executionDenied("1", ReasonCode.NO_APPROVAL)));
    }

    @Test
    void approvalsBySamePrincipalCountOnce() {
        MigrationApproved forAll = approved("1", APPROVER_1);
        MigrationApproved forProd = new MigrationApproved(PROJECT, "1", "bob-for-prod", checksum("1"), PROD, null,
                EARLIER, EARLIER, "Bob");
        given(projectRegistered(), planned("1"), forAll, forProd, applied(STAGING, "1"))
                .when(authorize(PROD, "run-1", "1"))
                .expectResultMessagePayloadMatching(denied("1", ReasonCode.NO_APPROVAL));
    }

    @Test
    void approvalsForAnotherEnvironmentDoNotCount() {
        MigrationApproved forStaging = new MigrationApproved(PROJECT, "1", "carol-for-staging", checksum("1"), STAGING,
                null, EARLIER, EARLIER, APPROVER_2);
        given(projectRegistered(), planned("1"), approved("1", APPROVER_1), forStaging, applied(STAGING, "1"))
                .when(authorize(PROD, "run-1", "1"))
                .expectResultMessagePayloadMatching(denied("1", ReasonCode.NO_APPROVAL));
    }

    @Test
    void approvalsOfAnotherChecksumDoNotCount() {
        // the plan moved on to a new script without voiding (as an import could leave it): old approvals are void anyway
        given(projectRegistered(), planned("1"), approvedTwice("1"),
                replanned(definition("1", ChangeClass.ADDITIVE, otherChecksum("1")), checksum("1")),
                applied(STAGING, "1", otherChecksum("1")))
                .when(authorize(PROD, "run-1", "1"))
                .expectResultMessagePayloadMatching(denied("1", ReasonCode.NO_APPROVAL));
    }

    @Test
    void revokingAnApprovalIsRecorded() {
        given(projectRegistered(), planned("1"), approved("1", APPROVER_1))
                .when(new RevokeApproval(PROJECT, "1", approvalId("1", APPROVER_1), "approved by mistake", APPROVER_1))
                .expectEvents(new ApprovalRevoked(PROJECT, "1", approvalId("1", APPROVER_1), "approved by mistake",
                        NOW, NOW, APPROVER_1));
    }

    @Test
    void aRevokedApprovalNoLongerCounts() {
        given(projectRegistered(), planned("1"), approvedTwice("1"),
                new ApprovalRevoked(PROJECT, "1", approvalId("1", APPROVER_2), "not yet", EARLIER, EARLIER, APPROVER_2),
                applied(STAGING, "1"))
                .when(authorize(PROD, "run-1", "1"))
                .expectResultMessagePayloadMatching(denied("1", ReasonCode.NO_APPROVAL));
    }

    @Test
    void revokingAnUnknownApprovalIsRejected() {
        given(projectRegistered(), planned("1"))
                .when(new RevokeApproval(PROJECT, "1", "no-such-approval", null, APPROVER_1))
                .expectException(rejectedWith(ReasonCode.INVALID_INPUT));
    }
}
