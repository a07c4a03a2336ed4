package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.lint.DescribedRule;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.Severity;
import dev.migrationledger.executor.sql.DdlFact.DomainConstraint;
import java.util.List;

/**
 * A constraint on a domain is checked wherever the domain is used, with no NOT VALID path when it
 * changes: keep constraints on the tables, where they can be added online.
 */
public final class CreateDomainConstraintRule extends DescribedRule {

    public static final String ID = "ML045-create-domain-constraint";

    public CreateDomainConstraintRule() {
        super(ID, Severity.WARNING,
                "creates a domain with a constraint", "ban-create-domain-with-constraint");
    }

    @Override
    public List<Finding> check(LintContext context) {
        return context.facts(DomainConstraint.class).stream()
                .filter(DomainConstraint::create)
                .map(d -> finding(context, d.line(), "creates domain " + d.domain() + " with a constraint: changing it later "
                                + "checks every column of the domain in every table, under locks",
                        "create the domain without a constraint and put CHECK constraints on the tables that use it"))
                .toList();
    }
}
