package dev.migrationledger.ledger.domain;

import dev.migrationledger.ledger.api.AuthorizeExecution;
import dev.migrationledger.ledger.api.ExecutionFact;
import dev.migrationledger.ledger.api.MigrationDefinition;
import dev.migrationledger.ledger.api.RecordExecutions;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.migrationledger.ledger.domain.Given.*;
import static dev.migrationledger.ledger.domain.LedgerMatchers.*;

/** Malformed requests and facts are rejected with every problem at once, and nothing is recorded. */
class InputValidationTest extends ProjectFixtureTest {

    @Test
    void everyMalformedMigrationOfAPlanIsReportedAtOnce() {
        MigrationDefinition noClass = new MigrationDefinition("1", "x", checksum("1"), null, null, null, null, null,
                null, null);
        MigrationDefinition badChecksum = new MigrationDefinition("2", "x", "not-a-checksum", ChangeClass.ADDITIVE,
                null, null, null, null, null, null);
        MigrationDefinition badVersion = new MigrationDefinition("1.a", "x", checksum("3"), ChangeClass.ADDITIVE,
                null, null, null, null, null, null);
        given(projectRegistered())
                .when(plan(noClass, badChecksum, badVersion))
                .expectException(rejectedWith(ReasonCode.INVALID_INPUT, ReasonCode.INVALID_INPUT, ReasonCode.INVALID_INPUT))
                .expectNoEvents();
    }

    @Test
    void aPlanNamingOneVersionTwiceUnderTwoSpellingsIsRejected() {
        given(projectRegistered())
                .when(plan(definition("1", ChangeClass.ADDITIVE), definition("1.0", ChangeClass.ADDITIVE)))
                .expectException(rejectedWith(ReasonCode.INVALID_INPUT))
                .expectNoEvents();
    }

    @Test
    void anEmptyPlanIsRejected() {
        given(projectRegistered())
                .when(new dev.migrationledger.ledger.api.PlanMigrations(PROJECT, List.of(), PLANNER))
                .expectException(rejectedWith(ReasonCode.INVALID_INPUT));
    }

    @Test
    void anAuthorizationWithoutVersionsIsRejected() {
        given(projectRegistered())
                .when(new AuthorizeExecution(PROJECT, DEV, "run-1", List.of(), null, null, CI))
                .expectException(rejectedWith(ReasonCode.INVALID_INPUT))
                .expectNoEvents();
    }

    @Test
    void anAuthorizationWithEveryInputWrongListsEveryProblem() {
        given(projectRegistered())
                .when(new AuthorizeExecution(PROJECT, "qa", "run 1", List.of("x", "1..2"), null, null, CI))
                .expectException(rejectedWith(ReasonCode.INVALID_INPUT, ReasonCode.UNKNOWN_ENVIRONMENT,
                        ReasonCode.INVALID_INPUT, ReasonCode.INVALID_INPUT))
                .expectNoEvents();
    }

    @Test
    void anAuthorizationNamingAVersionTwiceIsRejected() {
        given(projectRegistered(), planned("1"))
                .when(authorize(DEV, "run-1", "1", "1.0"))
                .expectException(rejectedWith(ReasonCode.INVALID_INPUT));
    }

    @Test
    void anAuthorizationOfAnUnplannedVersionIsDenied() {
        given(projectRegistered(), planned("1"))
                .when(authorize(DEV, "run-1", "1", "2"))
                .expectResultMessagePayloadMatching(deniedAfter(List.of("1"), "2", ReasonCode.UNKNOWN_MIGRATION));
    }

    @Test
    void versionsAreNormalizedSoV1_0AddressesVersion1() {
        given(projectRegistered(), planned("1"))
                .when(authorize(DEV, "run-1", "V1_0"))
                .expectResultMessagePayloadMatching(authorizedOnly("1"));
    }

    @Test
    void everyMalformedFactOfABatchIsReportedAndNothingIsRecorded() {
        ExecutionFact noFinish = new ExecutionFact("run-1/1", "1", checksum("1"), ExecutionStatus.APPLIED, null,
                null, null, null, null, Tool.LEDGER, null);
        ExecutionFact badChecksum = new ExecutionFact("run-1/2", "2", "abc", ExecutionStatus.APPLIED, null, NOW,
                null, null, null, Tool.LEDGER, null);
        ExecutionFact noStatus = new ExecutionFact("run-1/3", "3", checksum("3"), null, null, NOW,
                null, null, null, Tool.LEDGER, null);
        given(projectRegistered(), planned("1"))
                .when(record(DEV, appliedFact("run-1/0", "0.1"), noFinish, badChecksum, noStatus))
                .expectException(rejectedWith(ReasonCode.INVALID_INPUT, ReasonCode.INVALID_INPUT, ReasonCode.INVALID_INPUT))
                .expectNoEvents();
    }

    @Test
    void aFactThatFinishedBeforeItStartedIsRejected() {
        given(projectRegistered(), planned("1"))
                .when(record(DEV, new ExecutionFact("run-1/1", "1", checksum("1"), ExecutionStatus.APPLIED,
                        NOW, NOW.minusSeconds(1), null, null, null, Tool.LEDGER, null)))
                .expectException(rejectedWith(ReasonCode.INVALID_INPUT));
    }

    @Test
    void anEmptyBatchOfFactsIsRejected() {
        given(projectRegistered())
                .when(new RecordExecutions(PROJECT, DEV, List.of(), CI))
                .expectException(rejectedWith(ReasonCode.INVALID_INPUT));
    }

    @Test
    void factsAboutAnUnknownEnvironmentAreRejected() {
        given(projectRegistered(), planned("1"))
                .when(record("qa", appliedFact("run-1/1", "1")))
                .expectException(rejectedWith(ReasonCode.UNKNOWN_ENVIRONMENT));
    }

    @Test
    void anApprovalWithAMalformedChecksumAndCommentListsBoth() {
        given(projectRegistered(), planned("1"))
                .when(new dev.migrationledger.ledger.api.ApproveMigration(PROJECT, "1", "a-1", "xyz", null,
                        "bad\u0007comment", APPROVER_1))
                .expectException(rejectedWith(ReasonCode.INVALID_INPUT, ReasonCode.INVALID_INPUT));
    }
}
