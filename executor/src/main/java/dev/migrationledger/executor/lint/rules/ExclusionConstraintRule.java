package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.lint.DescribedRule;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.Severity;
import dev.migrationledger.executor.sql.DdlFact.AddConstraint;
import dev.migrationledger.executor.sql.DdlFact.ConstraintKind;
import java.util.List;

/** An exclusion constraint builds its index and checks every row under ACCESS EXCLUSIVE; it cannot be added NOT VALID. */
public final class ExclusionConstraintRule extends DescribedRule {

    public static final String ID = "ML022-exclusion-constraint";

    public ExclusionConstraintRule() {
        super(ID, Severity.WARNING,
                "adds an exclusion constraint to an existing table (built and checked under ACCESS EXCLUSIVE)");
    }

    @Override
    public List<Finding> check(LintContext context) {
        return context.facts(AddConstraint.class).stream()
                .filter(a -> a.constraint().kind() == ConstraintKind.EXCLUDE && context.existing(a.table()))
                .map(a -> finding(context, a.line(), "adds an exclusion constraint to " + context.describe(a.table())
                                + ": reads and writes are blocked while its index is built and every row checked",
                        "exclusion constraints have no NOT VALID or USING INDEX form: create them with the table, or "
                                + "run this in a maintenance window with lock_timeout set"))
                .toList();
    }
}
