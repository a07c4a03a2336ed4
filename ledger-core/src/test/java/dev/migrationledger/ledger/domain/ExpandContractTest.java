package dev.migrationledger.ledger.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.migrationledger.ledger.domain.Given.*;
import static dev.migrationledger.ledger.domain.LedgerMatchers.*;

/** R7: a CONTRACT needs its expand applied by an earlier execution, never in the same request. */
class ExpandContractTest extends ProjectFixtureTest {

    @Test
    void contractInTheSameRequestAsItsExpandIsDenied() {
        given(projectRegistered(), planned(expand("1")), planned(contract("2", "1")))
                .when(authorize(DEV, "run-1", "1", "2"))
                .expectResultMessagePayloadMatching(
                        deniedAfter(List.of("1"), "2", ReasonCode.CONTRACT_BEFORE_EXPAND))
                .expectEventsMatching(payloads(
                        exactly(authorization(NOW, DEV, "run-1", List.of("1"), List.of("1", "2"))),
                        executionDenied("2", ReasonCode.CONTRACT_BEFORE_EXPAND)));
    }

    @Test
    void contractAfterItsExpandWasAppliedIsAuthorized() {
        given(projectRegistered(), planned(expand("1")), planned(contract("2", "1")), applied(DEV, "1"))
                .when(authorize(DEV, "run-2", "2"))
                .expectResultMessagePayloadMatching(authorizedOnly("2"));
    }

    @Test
    void contractWhoseExpandRanOnlyInAnotherEnvironmentIsDenied() {
        given(projectRegistered(), planned(expand("1")), planned(contract("2", "1")), applied(DEV, "1"),
                policyChanged(STAGING, new EnvironmentPolicy(0, java.util.Set.of(), null, true, false)))
                .when(authorize(STAGING, "run-2", "2"))
                .expectResultMessagePayloadMatching(denied("2", ReasonCode.CONTRACT_BEFORE_EXPAND));
    }

    @Test
    void contractAppliedBeforeItsExpandIsRecordedWithViolation() {
        given(projectRegistered(), planned(expand("1")), planned(contract("2", "1")))
                .when(record(DEV, appliedFact("run-1/2", "2")))
                .expectEventsMatching(payloads(appliedWith("2",
                        ReasonCode.UNAUTHORIZED, ReasonCode.OUT_OF_ORDER, ReasonCode.CONTRACT_BEFORE_EXPAND)));
    }

    @Test
    void authorizedContractAppliedBeforeItsExpandIsRecordedWithViolation() {
        // one execution was authorized for both (outOfOrder dev); the contract ran before the expand
        given(projectRegistered(), planned(expand("1")), planned(contract("2", "1")),
                policyChanged(DEV, new EnvironmentPolicy(0, java.util.Set.of(), null, true, false)),
                authorized(DEV, "run-1", "2"))
                .when(record(DEV, appliedFact("run-1/2", "2")))
                .expectEventsMatching(payloads(appliedWith("2", ReasonCode.CONTRACT_BEFORE_EXPAND)));
    }

    @Test
    void planningAContractWithoutItsExpandIsRejected() {
        given(projectRegistered())
                .when(plan(contract("2", null)))
                .expectException(rejectedWith(ReasonCode.INVALID_INPUT));
    }

    @Test
    void planningAContractOfAnUnplannedVersionIsRejected() {
        given(projectRegistered())
                .when(plan(contract("2", "1")))
                .expectException(rejectedWith(ReasonCode.UNKNOWN_MIGRATION));
    }

    @Test
    void planningAContractOfAHigherVersionIsRejected() {
        given(projectRegistered(), planned(expand("3")))
                .when(plan(contract("2", "3")))
                .expectException(rejectedWith(ReasonCode.INVALID_INPUT));
    }

    @Test
    void planningAnExpandAndItsContractTogetherIsAccepted() {
        given(projectRegistered())
                .when(plan(expand("1"), contract("2", "1")))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(payloads(
                        exactly(new dev.migrationledger.ledger.api.MigrationPlanned(PROJECT, expand("1"), false, NOW, NOW, PLANNER)),
                        exactly(new dev.migrationledger.ledger.api.MigrationPlanned(PROJECT, contract("2", "1"), false, NOW, NOW, PLANNER))));
    }
}
