package dev.migrationledger.ledger.domain;

import dev.migrationledger.ledger.api.DefineIdentityRule;
import dev.migrationledger.ledger.api.IdentityRule;
import dev.migrationledger.ledger.api.IdentityRuleChanged;
import dev.migrationledger.ledger.api.IdentityRuleChanged.Change;
import dev.migrationledger.ledger.api.KeyRotated;
import dev.migrationledger.ledger.api.RemoveIdentityRule;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.migrationledger.ledger.domain.Given.EARLIER;
import static dev.migrationledger.ledger.domain.Given.NOW;
import static dev.migrationledger.ledger.domain.LedgerMatchers.exactly;
import static dev.migrationledger.ledger.domain.LedgerMatchers.payloads;
import static dev.migrationledger.ledger.domain.LedgerMatchers.rejectedWith;

/** Identity rules (SPEC §10) are defined and removed by admins, each change an IdentityRuleChanged. */
class IdentityRulesTest {

    static final String GITHUB = "https://token.actions.githubusercontent.com";
    static final IdentityRule STAGING = new IdentityRule(GITHUB,
            Map.of("repository", "acme/billing", "environment", "staging"), "github:{repository}@{environment}",
            List.of("ci"), List.of("billing-db"), List.of("staging"));

    private FixtureConfiguration<IdentityRulesAggregate> fixture;

    @BeforeEach
    void createFixture() {
        fixture = new AggregateTestFixture<>(IdentityRulesAggregate.class);
    }

    private static IdentityRuleChanged changed(String id, Change change, IdentityRule rule) {
        return new IdentityRuleChanged(KeyRotated.LOG_SCOPE, id, change, rule, EARLIER, EARLIER, "admin");
    }

    private static IdentityRule with(Map<String, String> match, String principal, List<String> roles,
                                     List<String> projects, List<String> environments) {
        return new IdentityRule(GITHUB, match, principal, roles, projects, environments);
    }

    @Test
    void aValidRuleIsRecordedWithItsClaimsSortedAndItsAuthor() {
        fixture.givenCurrentTime(NOW)
                .when(new DefineIdentityRule("r1", STAGING, "admin"))
                .expectEventsMatching(payloads(exactly(new IdentityRuleChanged(KeyRotated.LOG_SCOPE, "r1", Change.DEFINED,
                        new IdentityRule(GITHUB, new java.util.TreeMap<>(STAGING.match()), STAGING.principal(),
                                List.of("ci"), List.of("billing-db"), List.of("staging")), NOW, NOW, "admin"))));
    }

    @Test
    void aRuleWithEveryProblemIsRejectedWithEveryReasonAndNothingRecorded() {
        IdentityRule bad = new IdentityRule("not a url", Map.of(), "alice", List.of("admin"), List.of(), List.of("prod db"));
        fixture.givenNoPriorActivity()
                .when(new DefineIdentityRule("r1", bad, "admin"))
                .expectException(rejectedWith(ReasonCode.INVALID_INPUT, ReasonCode.INVALID_INPUT, ReasonCode.INVALID_INPUT,
                        ReasonCode.INVALID_INPUT, ReasonCode.INVALID_INPUT, ReasonCode.INVALID_INPUT))
                .expectNoEvents();
    }

    @Test
    void aRuleThatMatchesOnlyWildcardsIsRejected() {
        // GitHub signs tokens for every repository in the world: a rule must say whose
        fixture.givenNoPriorActivity()
                .when(new DefineIdentityRule("r1", with(Map.of("repository", "*"), "github:{repository}", List.of("ci"),
                        List.of("*"), List.of("*")), "admin"))
                .expectException(rejectedWith(ReasonCode.INVALID_INPUT));
    }

    @Test
    void timeClaimsCannotBeMatched() {
        fixture.givenNoPriorActivity()
                .when(new DefineIdentityRule("r1", with(Map.of("repository", "acme/billing", "exp", "1*"),
                        "github:{repository}", List.of("ci"), List.of("*"), List.of("*")), "admin"))
                .expectException(rejectedWith(ReasonCode.INVALID_INPUT));
    }

    @Test
    void aWorkloadIdentityCannotBeAnApproverOrAnAdmin() {
        fixture.givenNoPriorActivity()
                .when(new DefineIdentityRule("r1", with(STAGING.match(), STAGING.principal(), List.of("approver", "admin"),
                        List.of("billing-db"), List.of("staging")), "admin"))
                .expectException(rejectedWith(ReasonCode.INVALID_INPUT, ReasonCode.INVALID_INPUT));
    }

    @Test
    void aPrincipalWithoutASchemeIsRejected() {
        // "alice" could be a person's token principal: separation of duties must never confuse the two
        fixture.givenNoPriorActivity()
                .when(new DefineIdentityRule("r1", with(STAGING.match(), "{actor}", List.of("ci"),
                        List.of("billing-db"), List.of("staging")), "admin"))
                .expectException(rejectedWith(ReasonCode.INVALID_INPUT));
    }

    @Test
    void definingTheSameRuleTwiceRecordsItOnce() {
        fixture.given(changed("r1", Change.DEFINED, new IdentityRuleCheck().normalize(STAGING)))
                .when(new DefineIdentityRule("r1", STAGING, "admin"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void reusingARuleIdForOtherContentIsAConflict() {
        IdentityRule prod = with(Map.of("repository", "acme/billing", "environment", "prod"), STAGING.principal(),
                List.of("ci"), List.of("billing-db"), List.of("prod"));
        fixture.given(changed("r1", Change.DEFINED, new IdentityRuleCheck().normalize(STAGING)))
                .when(new DefineIdentityRule("r1", prod, "admin"))
                .expectException(rejectedWith(ReasonCode.IDEMPOTENCY_CONFLICT));
    }

    @Test
    void removingARuleRecordsTheRuleAsItWas() {
        IdentityRule normalized = new IdentityRuleCheck().normalize(STAGING);
        fixture.givenCurrentTime(NOW).andGiven(changed("r1", Change.DEFINED, normalized))
                .when(new RemoveIdentityRule("r1", "admin2"))
                .expectEventsMatching(payloads(exactly(new IdentityRuleChanged(KeyRotated.LOG_SCOPE, "r1",
                        Change.REMOVED, normalized, NOW, NOW, "admin2"))));
    }

    @Test
    void removingAnUnknownOrRemovedRuleIsRejected() {
        IdentityRule normalized = new IdentityRuleCheck().normalize(STAGING);
        fixture.given(changed("r1", Change.DEFINED, normalized), changed("r1", Change.REMOVED, normalized))
                .when(new RemoveIdentityRule("r1", "admin"))
                .expectException(rejectedWith(ReasonCode.INVALID_INPUT));
        fixture.givenNoPriorActivity()
                .when(new RemoveIdentityRule("r2", "admin"))
                .expectException(rejectedWith(ReasonCode.INVALID_INPUT));
    }

    @Test
    void aRemovedRuleIdCannotBeDefinedAgain() {
        IdentityRule normalized = new IdentityRuleCheck().normalize(STAGING);
        fixture.given(changed("r1", Change.DEFINED, normalized), changed("r1", Change.REMOVED, normalized))
                .when(new DefineIdentityRule("r1", STAGING, "admin"))
                .expectException(rejectedWith(ReasonCode.IDEMPOTENCY_CONFLICT));
    }
}
