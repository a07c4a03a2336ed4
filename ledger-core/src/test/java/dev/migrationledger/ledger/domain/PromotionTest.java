package dev.migrationledger.ledger.domain;

import org.junit.jupiter.api.Test;

import static dev.migrationledger.ledger.domain.Given.*;
import static dev.migrationledger.ledger.domain.LedgerMatchers.*;

/** R5: prod promotes from staging, so the same checksum must have succeeded in staging first. */
class PromotionTest extends ProjectFixtureTest {

    @Test
    void prodAuthorizationOfAVersionNotAppliedInStagingIsDenied() {
        given(projectRegistered(), planned("1"), approvedTwice("1"), applied(DEV, "1"))
                .when(authorize(PROD, "run-1", "1"))
                .expectResultMessagePayloadMatching(denied("1", ReasonCode.NOT_PROMOTED))
                .expectEventsMatching(payloads(executionDenied("1", ReasonCode.NOT_PROMOTED)));
    }

    @Test
    void prodAuthorizationOfAChecksumStagingRanDifferentlyIsDenied() {
        // staging ran an edited script (recorded with CHECKSUM_MISMATCH): that is not the planned checksum promoted,
        // and the edited one is what succeeded, so R1 pins it
        given(projectRegistered(), planned("1"), approvedTwice("1"), applied(STAGING, "1", otherChecksum("1")))
                .when(authorize(PROD, "run-1", "1"))
                .expectResultMessagePayloadMatching(denied("1", ReasonCode.NOT_PROMOTED, ReasonCode.CHECKSUM_PINNED));
    }

    @Test
    void prodAuthorizationOfTheChecksumAppliedInStagingIsGranted() {
        given(projectRegistered(), planned("1"), approvedTwice("1"), applied(STAGING, "1"))
                .when(authorize(PROD, "run-1", "1"))
                .expectResultMessagePayloadMatching(authorizedOnly("1"));
    }

    @Test
    void aFailureInStagingIsNotAPromotion() {
        given(projectRegistered(), planned("1"), approvedTwice("1"), failed(STAGING, "1"))
                .when(authorize(PROD, "run-1", "1"))
                .expectResultMessagePayloadMatching(denied("1", ReasonCode.NOT_PROMOTED));
    }

    @Test
    void applyInProdWithoutPromotionIsRecordedWithViolation() {
        given(projectRegistered(), planned("1"), approvedTwice("1"))
                .when(record(PROD, appliedFact("run-1/1", "1")))
                .expectEventsMatching(payloads(appliedWith("1", ReasonCode.UNAUTHORIZED, ReasonCode.NOT_PROMOTED)));
    }
}
