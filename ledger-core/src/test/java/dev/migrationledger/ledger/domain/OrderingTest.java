package dev.migrationledger.ledger.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.migrationledger.ledger.domain.Given.*;
import static dev.migrationledger.ledger.domain.LedgerMatchers.*;

/** R4: lower planned versions first; a request is judged in order, as if its earlier versions were applied. */
class OrderingTest extends ProjectFixtureTest {

    @Test
    void authorizingAVersionBeforeALowerPlannedOneIsDenied() {
        given(projectRegistered(), planned("1"), planned("2"))
                .when(authorize(DEV, "run-1", "2"))
                .expectResultMessagePayloadMatching(denied("2", ReasonCode.OUT_OF_ORDER))
                .expectEventsMatching(payloads(executionDenied("2", ReasonCode.OUT_OF_ORDER)));
    }

    @Test
    void versionsAreComparedNumerically() {
        // 1.10 is higher than 1.9: authorizing 1.10 while 1.9 waits is out of order
        given(projectRegistered(), planned("1.10"), planned("1.9"))
                .when(authorize(DEV, "run-1", "1.10"))
                .expectResultMessagePayloadMatching(denied("1.10", ReasonCode.OUT_OF_ORDER));
    }

    @Test
    void aRequestIsJudgedAsIfItsEarlierVersionsWereAppliedAndStopsAtTheFirstDenied() {
        given(projectRegistered(), planned("1"), planned("2"), planned("3"), planned("4"),
                approvedTwice("1"), approvedTwice("2"), approvedTwice("4"),
                applied(STAGING, "1"), applied(STAGING, "2"), applied(STAGING, "3"), applied(STAGING, "4"))
                .when(authorize(PROD, "run-1", "1", "2", "3", "4"))
                .expectResultMessagePayloadMatching(deniedAfter(List.of("1", "2"), "3", ReasonCode.NO_APPROVAL))
                .expectEventsMatching(payloads(
                        exactly(authorization(NOW, PROD, "run-1", List.of("1", "2"), List.of("1", "2", "3", "4"))),
                        executionDenied("3", ReasonCode.NO_APPROVAL)));
    }

    @Test
    void aRequestInTheWrongOrderIsDeniedAtTheFirstVersionOutOfOrder() {
        given(projectRegistered(), planned("1"), planned("2"))
                .when(authorize(DEV, "run-1", "2", "1"))
                .expectResultMessagePayloadMatching(denied("2", ReasonCode.OUT_OF_ORDER));
    }

    @Test
    void aVersionBelowOneAlreadyAppliedIsOutOfOrder() {
        // 1.5 was planned after 2 had run in dev
        given(projectRegistered(), planned("1"), planned("2"), applied(DEV, "1"), applied(DEV, "2"), planned("1.5"))
                .when(authorize(DEV, "run-1", "1.5"))
                .expectResultMessagePayloadMatching(denied("1.5", ReasonCode.OUT_OF_ORDER));
    }

    @Test
    void anOutOfOrderEnvironmentAuthorizesAnyOrder() {
        given(projectRegistered(), planned("1"), planned("2"),
                policyChanged(DEV, new EnvironmentPolicy(0, java.util.Set.of(), null, true, false)))
                .when(authorize(DEV, "run-1", "2"))
                .expectResultMessagePayloadMatching(authorizedOnly("2"));
    }

    @Test
    void aRepeatableRunsOnlyAfterEveryVersion() {
        given(projectRegistered(), planned("1"), planned(definition("R__views", ChangeClass.ADDITIVE)))
                .when(authorize(DEV, "run-1", "R__views"))
                .expectResultMessagePayloadMatching(denied("R__views", ReasonCode.OUT_OF_ORDER));
    }

    @Test
    void anAlreadyAppliedVersionIsNotAuthorizedAgain() {
        given(projectRegistered(), planned("1"), applied(DEV, "1"))
                .when(authorize(DEV, "run-2", "1"))
                .expectResultMessagePayloadMatching(denied("1", ReasonCode.INVALID_INPUT));
    }

    @Test
    void anAuthorizedApplyOutOfOrderIsRecordedWithViolation() {
        // the executor was authorized for 1 then 2, but ran 2 first
        given(projectRegistered(), planned("1"), planned("2"), authorized(DEV, "run-1", "1", "2"))
                .when(record(DEV, appliedFact("run-1/2", "2")))
                .expectEventsMatching(payloads(appliedWith("2", ReasonCode.OUT_OF_ORDER)));
    }

    @Test
    void anUnauthorizedApplyOutOfOrderIsRecordedWithBothViolations() {
        given(projectRegistered(), planned("1"), planned("2"))
                .when(record(DEV, appliedFact("run-1/2", "2")))
                .expectEventsMatching(payloads(appliedWith("2", ReasonCode.UNAUTHORIZED, ReasonCode.OUT_OF_ORDER)));
    }

    @Test
    void aBatchIsJudgedFactByFactSoAnEarlierFactInItCountsAsApplied() {
        given(projectRegistered(), planned("1"), planned("2"))
                .when(record(DEV, appliedFact("run-1/1", "1"), appliedFact("run-1/2", "2")))
                .expectEventsMatching(payloads(appliedWith("1", ReasonCode.UNAUTHORIZED),
                        appliedWith("2", ReasonCode.UNAUTHORIZED)));
    }

    @Test
    void aBatchInTheWrongOrderRecordsTheFirstFactOutOfOrderAndTheSecondInOrder() {
        given(projectRegistered(), planned("1"), planned("2"))
                .when(record(DEV, appliedFact("run-1/2", "2"), appliedFact("run-1/1", "1")))
                .expectEventsMatching(payloads(appliedWith("2", ReasonCode.UNAUTHORIZED, ReasonCode.OUT_OF_ORDER),
                        appliedWith("1", ReasonCode.UNAUTHORIZED, ReasonCode.OUT_OF_ORDER)));
    }

    @Test
    void anAuthorizedApplyInOrderIsRecordedWithoutViolations() {
        given(projectRegistered(), planned("1"), planned("2"), authorized(DEV, "run-1", "1", "2"), applied(DEV, "1"))
                .when(record(DEV, appliedFact("run-1/2", "2")))
                .expectResultMessagePayloadMatching(factResult("run-1/2", false))
                .expectEventsMatching(payloads(appliedWith("2")));
    }
}
