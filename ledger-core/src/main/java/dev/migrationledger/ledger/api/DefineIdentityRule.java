package dev.migrationledger.ledger.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Admit the OIDC tokens {@code rule} describes, under the id {@code ruleId} (chosen by the service). */
public record DefineIdentityRule(String ruleId, IdentityRule rule, String actor) {

    /** Every rule lives in the one registry, so that a removal and a definition are judged in order. */
    @TargetAggregateIdentifier
    public String registry() {
        return IdentityRuleChanged.REGISTRY;
    }
}
