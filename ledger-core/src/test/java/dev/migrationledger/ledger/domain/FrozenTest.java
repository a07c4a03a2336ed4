package dev.migrationledger.ledger.domain;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static dev.migrationledger.ledger.domain.Given.*;
import static dev.migrationledger.ledger.domain.LedgerMatchers.*;

/** R10: a frozen environment authorizes nothing; what runs there anyway is recorded with FROZEN. */
class FrozenTest extends ProjectFixtureTest {

    private static final EnvironmentPolicy FROZEN_DEV = new EnvironmentPolicy(0, Set.of(), null, false, true);

    @Test
    void aFrozenEnvironmentAuthorizesNothing() {
        given(projectRegistered(), planned("1"), policyChanged(DEV, FROZEN_DEV))
                .when(authorize(DEV, "run-1", "1"))
                .expectResultMessagePayloadMatching(denied("1", ReasonCode.FROZEN))
                .expectEventsMatching(payloads(executionDenied("1", ReasonCode.FROZEN)));
    }

    @Test
    void aFrozenEnvironmentListsFrozenWithEveryOtherReason() {
        EnvironmentPolicy frozenProd = new EnvironmentPolicy(2, Set.of(ChangeClass.DESTRUCTIVE), STAGING, false, true);
        given(projectRegistered(), plannedDestructive("1"), policyChanged(PROD, frozenProd))
                .when(authorize(PROD, "run-1", "1"))
                .expectResultMessagePayloadMatching(denied("1", ReasonCode.FROZEN, ReasonCode.NO_APPROVAL,
                        ReasonCode.NO_BACKUP, ReasonCode.NOT_PROMOTED));
    }

    @Test
    void unfreezingAllowsAuthorizationsAgain() {
        given(projectRegistered(), planned("1"), policyChanged(DEV, FROZEN_DEV),
                policyChanged(DEV, EnvironmentPolicy.defaults(false)))
                .when(authorize(DEV, "run-1", "1"))
                .expectResultMessagePayloadMatching(authorizedOnly("1"));
    }

    @Test
    void anApplyInAFrozenEnvironmentIsRecordedWithViolation() {
        given(projectRegistered(), planned("1"), policyChanged(DEV, FROZEN_DEV))
                .when(record(DEV, appliedFact("run-1/1", "1")))
                .expectEventsMatching(payloads(appliedWith("1", ReasonCode.UNAUTHORIZED, ReasonCode.FROZEN)));
    }
}
