package dev.migrationledger.ledger.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Stop admitting the tokens the rule {@code ruleId} described; they are refused from the next request on. */
public record RemoveIdentityRule(String ruleId, String actor) {

    @TargetAggregateIdentifier
    public String registry() {
        return IdentityRuleChanged.REGISTRY;
    }
}
