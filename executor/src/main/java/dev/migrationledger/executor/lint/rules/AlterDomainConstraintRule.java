package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.lint.DescribedRule;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.Severity;
import dev.migrationledger.executor.sql.DdlFact.DomainConstraint;
import java.util.List;

/** ALTER DOMAIN … ADD CONSTRAINT checks every column of the domain in every table that uses it, blocking their writes. */
public final class AlterDomainConstraintRule extends DescribedRule {

    public static final String ID = "ML046-alter-domain-constraint";

    public AlterDomainConstraintRule() {
        super(ID, Severity.WARNING,
                "adds a constraint to an existing domain (checks every table using it)",
                "ban-alter-domain-with-add-constraint");
    }

    @Override
    public List<Finding> check(LintContext context) {
        return context.facts(DomainConstraint.class).stream()
                .filter(d -> !d.create())
                .map(d -> finding(context, d.line(), "adds a constraint to domain " + d.domain()
                                + ": every column of that domain, in every table, is checked under lock",
                        "add CHECK constraints NOT VALID to the tables instead, then VALIDATE them in a later migration"))
                .toList();
    }
}
