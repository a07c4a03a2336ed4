package dev.migrationledger.ledger.domain;

import dev.migrationledger.ledger.api.ChangeEnvironmentPolicy;
import dev.migrationledger.ledger.api.PolicyPatch;
import dev.migrationledger.ledger.api.EnvironmentDefinition;
import dev.migrationledger.ledger.api.EnvironmentPolicyChanged;
import dev.migrationledger.ledger.api.ProjectRegistered;
import dev.migrationledger.ledger.api.RegisterProject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static dev.migrationledger.ledger.domain.Given.*;
import static dev.migrationledger.ledger.domain.LedgerMatchers.rejectedWith;

class RegistrationAndPolicyTest extends ProjectFixtureTest {

    @Test
    void registeringAProjectRecordsItsEnvironmentsAndPolicies() {
        fixture.givenCurrentTime(NOW)
                .when(registerProject())
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ProjectRegistered(PROJECT, environments(), NOW, NOW, "admin"));
    }

    @Test
    void environmentsWithoutPolicyGetTheDefaultsWithBackupsRequiredOnlyInTheLast() {
        fixture.givenCurrentTime(NOW)
                .when(new RegisterProject(PROJECT, List.of(new EnvironmentDefinition("dev", null),
                        new EnvironmentDefinition("prod", null)), "admin"))
                .expectEvents(new ProjectRegistered(PROJECT, List.of(
                        new EnvironmentDefinition("dev", new EnvironmentPolicy(0, Set.of(), null, false, false)),
                        new EnvironmentDefinition("prod", new EnvironmentPolicy(0, Set.of(ChangeClass.DESTRUCTIVE),
                                null, false, false))), NOW, NOW, "admin"));
    }

    @Test
    void registeringTheSameProjectAgainRecordsNothing() {
        given(projectRegistered())
                .when(registerProject())
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void registeringAnExistingProjectWithOtherEnvironmentsIsRejected() {
        given(projectRegistered())
                .when(new RegisterProject(PROJECT, List.of(new EnvironmentDefinition("dev", null)), "admin"))
                .expectException(rejectedWith(ReasonCode.INVALID_INPUT))
                .expectNoEvents();
    }

    @Test
    void promotionFromAnUnknownEnvironmentIsRejected() {
        fixture.givenCurrentTime(NOW)
                .when(new RegisterProject(PROJECT, List.of(new EnvironmentDefinition("dev", null),
                        new EnvironmentDefinition("prod", new EnvironmentPolicy(0, Set.of(), "qa", false, false))),
                        "admin"))
                .expectException(rejectedWith(ReasonCode.UNKNOWN_ENVIRONMENT))
                .expectNoEvents();
    }

    @Test
    void everyInvalidEnvironmentIsReportedAtOnce() {
        fixture.givenCurrentTime(NOW)
                .when(new RegisterProject(PROJECT, List.of(new EnvironmentDefinition("dev", null),
                        new EnvironmentDefinition("dev", null), new EnvironmentDefinition("bad name", null)), "admin"))
                .expectException(rejectedWith(ReasonCode.INVALID_INPUT, ReasonCode.INVALID_INPUT))
                .expectNoEvents();
    }

    @Test
    void changingAPolicyRecordsTheNewPolicy() {
        EnvironmentPolicy frozen = new EnvironmentPolicy(2, Set.of(ChangeClass.DESTRUCTIVE), STAGING, false, true);
        given(projectRegistered())
                .when(new ChangeEnvironmentPolicy(PROJECT, PROD, whole(frozen), "admin"))
                .expectEvents(new EnvironmentPolicyChanged(PROJECT, PROD, frozen, NOW, NOW, "admin"));
    }

    @Test
    void changingAPolicyToWhatItIsRecordsNothing() {
        given(projectRegistered())
                .when(new ChangeEnvironmentPolicy(PROJECT, PROD, whole(PROD_POLICY), "admin"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void changingThePolicyOfAnUnknownEnvironmentIsRejected() {
        given(projectRegistered())
                .when(new ChangeEnvironmentPolicy(PROJECT, "qa", whole(PROD_POLICY), "admin"))
                .expectException(rejectedWith(ReasonCode.UNKNOWN_ENVIRONMENT));
    }

    @Test
    void anEnvironmentCannotBePromotedFromItself() {
        given(projectRegistered())
                .when(new ChangeEnvironmentPolicy(PROJECT, PROD,
                        whole(new EnvironmentPolicy(2, Set.of(), PROD, false, false)), "admin"))
                .expectException(rejectedWith(ReasonCode.INVALID_INPUT));
    }

    @Test
    void aPatchThatOnlyFreezesKeepsTheRestOfThePolicy() {
        EnvironmentPolicy frozenProd = new EnvironmentPolicy(PROD_POLICY.requiredApprovals(),
                PROD_POLICY.backupRequiredFor(), PROD_POLICY.promoteFrom(), PROD_POLICY.outOfOrder(), true);
        given(projectRegistered())
                .when(new ChangeEnvironmentPolicy(PROJECT, PROD, new PolicyPatch(null, null, null, null, true), "admin"))
                .expectEvents(new EnvironmentPolicyChanged(PROJECT, PROD, frozenProd, NOW, NOW, "admin"));
    }

    private static PolicyPatch whole(EnvironmentPolicy policy) {
        return new PolicyPatch(policy.requiredApprovals(), policy.backupRequiredFor(),
                policy.promoteFrom() == null ? "" : policy.promoteFrom(), policy.outOfOrder(), policy.frozen());
    }
}
