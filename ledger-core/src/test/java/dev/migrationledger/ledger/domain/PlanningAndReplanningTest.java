package dev.migrationledger.ledger.domain;

import dev.migrationledger.ledger.api.MigrationDefinition;
import dev.migrationledger.ledger.api.MigrationPlanned;
import dev.migrationledger.ledger.api.MigrationReplanned;
import dev.migrationledger.ledger.api.PlanOutcome;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.migrationledger.ledger.domain.Given.*;
import static dev.migrationledger.ledger.domain.LedgerMatchers.*;

/** Planning, and R1: a checksum may change only until the migration first succeeds somewhere. */
class PlanningAndReplanningTest extends ProjectFixtureTest {

    @Test
    void planningANewMigrationFillsInTheDefaults() {
        MigrationDefinition bare = new MigrationDefinition("V1_1", " add widgets ", checksum("1.1").toUpperCase(),
                ChangeClass.DESTRUCTIVE, null, null, null, null, null, null);
        given(projectRegistered())
                .when(plan(bare))
                .expectResultMessagePayload(List.of(new PlanOutcome("1.1", PlanOutcome.Outcome.PLANNED)))
                .expectEvents(new MigrationPlanned(PROJECT, new MigrationDefinition("1.1", "add widgets",
                        checksum("1.1"), ChangeClass.DESTRUCTIVE, Risk.HIGH, Phase.NONE, null,
                        RollbackStrategy.FORWARD_FIX, null, PLANNER), false, NOW, NOW, PLANNER));
    }

    @Test
    void planningAnUnchangedMigrationRecordsNothing() {
        given(projectRegistered(), planned("1"))
                .when(plan(definition("1", ChangeClass.ADDITIVE)))
                .expectResultMessagePayload(List.of(new PlanOutcome("1", PlanOutcome.Outcome.UNCHANGED)))
                .expectNoEvents();
    }

    @Test
    void replanningBeforeAnySuccessRecordsTheNewChecksumAndVoidsItsApprovals() {
        MigrationDefinition edited = definition("1", ChangeClass.ADDITIVE, otherChecksum("1"));
        given(projectRegistered(), planned("1"), approvedTwice("1"), applied(DEV, "0.9", checksum("0.9")))
                .when(plan(edited))
                .expectResultMessagePayload(List.of(new PlanOutcome("1", PlanOutcome.Outcome.REPLANNED)))
                .expectEvents(new MigrationReplanned(PROJECT, edited, checksum("1"),
                        List.of(approvalId("1", APPROVER_1), approvalId("1", APPROVER_2)), NOW, NOW, PLANNER));
    }

    @Test
    void aReplanVoidsApprovalsEvenWhenTheScriptLaterReturnsToTheApprovedChecksum() {
        // approvals are bound to a checksum, but a replan voids them for good: A → B → A needs new approvals
        MigrationDefinition original = definition("1", ChangeClass.ADDITIVE);
        MigrationDefinition edited = definition("1", ChangeClass.ADDITIVE, otherChecksum("1"));
        given(projectRegistered(), planned(original), approvedTwice("1"),
                replanned(edited, checksum("1"), approvalId("1", APPROVER_1), approvalId("1", APPROVER_2)),
                replanned(original, otherChecksum("1")),
                applied(STAGING, "1"))
                .when(authorize(PROD, "run-1", "1"))
                .expectResultMessagePayloadMatching(denied("1", ReasonCode.NO_APPROVAL))
                .expectEventsMatching(payloads(executionDenied("1", ReasonCode.NO_APPROVAL)));
    }

    @Test
    void replanningMetadataAfterSuccessKeepsTheChecksumAndTheApprovals() {
        MigrationDefinition m = definition("1", ChangeClass.ADDITIVE);
        MigrationDefinition renamed = new MigrationDefinition("1", "a better description", m.checksum(),
                m.changeClass(), m.risk(), m.phase(), m.expands(), m.rollback(), m.ticket(), m.author());
        given(projectRegistered(), planned(m), approvedTwice("1"), applied(DEV, "1"))
                .when(plan(renamed))
                .expectEvents(new MigrationReplanned(PROJECT, renamed, m.checksum(), List.of(), NOW, NOW, PLANNER));
    }

    @Test
    void replanningANewChecksumAfterASuccessIsRejectedAsPinned() {
        given(projectRegistered(), planned("1"), applied(DEV, "1"))
                .when(plan(definition("1", ChangeClass.ADDITIVE, otherChecksum("1"))))
                .expectException(rejectedWith(ReasonCode.CHECKSUM_PINNED))
                .expectNoEvents();
    }

    @Test
    void everyPinnedMigrationOfAPlanIsReportedAtOnce() {
        given(projectRegistered(), planned("1"), planned("2"), applied(DEV, "1"), applied(DEV, "2"))
                .when(plan(definition("1", ChangeClass.ADDITIVE, otherChecksum("1")),
                        definition("2", ChangeClass.ADDITIVE, otherChecksum("2")),
                        definition("3", ChangeClass.ADDITIVE)))
                .expectException(rejectedWith(ReasonCode.CHECKSUM_PINNED, ReasonCode.CHECKSUM_PINNED))
                .expectNoEvents();
    }

    @Test
    void aRepeatableMigrationMayChangeItsChecksumAfterRunning() {
        MigrationDefinition views = definition("R__views", ChangeClass.ADDITIVE);
        MigrationDefinition newViews = definition("R__views", ChangeClass.ADDITIVE, otherChecksum("R__views"));
        given(projectRegistered(), planned(views), applied(DEV, "R__views"))
                .when(plan(newViews))
                .expectEvents(new MigrationReplanned(PROJECT, newViews, views.checksum(), List.of(), NOW, NOW, PLANNER));
    }

    @Test
    void anAuthorizedApplyWithAnotherChecksumIsRecordedWithChecksumMismatch() {
        given(projectRegistered(), planned("1"), authorized(DEV, "run-1", "1"))
                .when(record(DEV, appliedFact("run-1/1", "1", otherChecksum("1"))))
                .expectEventsMatching(payloads(appliedWith("1", ReasonCode.CHECKSUM_MISMATCH)));
    }

    @Test
    void anApplyOfThePlannedChecksumIsAMismatchWhenAnotherChecksumAlreadySucceeded() {
        // dev's imported history shows 1 ran with another script than the one planned: that one is pinned
        given(projectRegistered(), planned("1"),
                new dev.migrationledger.ledger.api.BaselineRecorded(PROJECT, DEV, "1", "imported", otherChecksum("1"),
                        true, Tool.FLYWAY, "dba", "h#1", EARLIER, EARLIER, "admin"),
                authorized(STAGING, "run-2", "1"))
                .when(record(STAGING, appliedFact("run-2/1", "1")))
                .expectEventsMatching(payloads(appliedWith("1", ReasonCode.CHECKSUM_MISMATCH)));
    }

    @Test
    void anApplyOfAnotherChecksumThanThePinnedOneIsRecordedWithChecksumMismatch() {
        // staging authorized the pinned checksum, but the pipeline ran an edited script
        given(projectRegistered(), planned("1"), applied(DEV, "1"), authorized(STAGING, "run-2", "1"))
                .when(record(STAGING, appliedFact("run-2/1", "1", otherChecksum("1"))))
                .expectResultMessagePayloadMatching(factResult("run-2/1", false, ReasonCode.CHECKSUM_MISMATCH))
                .expectEventsMatching(payloads(appliedWith("1", ReasonCode.CHECKSUM_MISMATCH)));
    }

    @Test
    void aVersionThatOnlyFailedReplansFreely() {
        MigrationDefinition fixed = definition("1", ChangeClass.ADDITIVE, otherChecksum("1"));
        given(projectRegistered(), planned("1"), failed(DEV, "1"), failed(STAGING, "1"))
                .when(plan(fixed))
                .expectResultMessagePayload(List.of(new PlanOutcome("1", PlanOutcome.Outcome.REPLANNED)))
                .expectEvents(new MigrationReplanned(PROJECT, fixed, checksum("1"), List.of(), NOW, NOW, PLANNER));
    }

    @Test
    void theChecksumThatSucceededIsPinnedSoPlanningTheFileThatRanIsAllowed() {
        // another tool applied an edited V1 (recorded with CHECKSUM_MISMATCH): what ran is what the ledger pins
        MigrationDefinition whatRan = definition("1", ChangeClass.ADDITIVE, otherChecksum("1"));
        given(projectRegistered(), planned("1"), applied(DEV, "1", otherChecksum("1")))
                .when(plan(whatRan))
                .expectResultMessagePayload(List.of(new PlanOutcome("1", PlanOutcome.Outcome.REPLANNED)));
    }

    @Test
    void aPlannedChecksumThatNeverSucceededCannotReturnOnceAnotherSucceeded() {
        MigrationDefinition whatRan = definition("1", ChangeClass.ADDITIVE, otherChecksum("1"));
        given(projectRegistered(), planned("1"), applied(DEV, "1", otherChecksum("1")),
                replanned(whatRan, checksum("1")))
                .when(plan(definition("1", ChangeClass.ADDITIVE)))
                .expectException(rejectedWith(ReasonCode.CHECKSUM_PINNED))
                .expectNoEvents();
    }

    @Test
    void authorizingThePlannedChecksumWhereAnotherSucceededIsDeniedAsPinned() {
        given(projectRegistered(), planned("1"), applied(DEV, "1", otherChecksum("1")))
                .when(authorize(STAGING, "run-2", "1"))
                .expectResultMessagePayloadMatching(denied("1", ReasonCode.CHECKSUM_PINNED));
    }
}
