package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.lint.DescribedRule;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.Severity;
import dev.migrationledger.executor.sql.DdlFact.AddConstraint;
import dev.migrationledger.executor.sql.DdlFact.ConstraintKind;
import java.util.List;

/** A CHECK constraint added to an existing table scans every row under ACCESS EXCLUSIVE unless added NOT VALID. */
public final class CheckNotValidRule extends DescribedRule {

    public static final String ID = "ML017-check-not-valid";

    public CheckNotValidRule() {
        super(ID, Severity.WARNING,
                "adds a CHECK constraint to an existing table without NOT VALID (a full scan under ACCESS EXCLUSIVE)",
                "constraint-missing-not-valid");
    }

    @Override
    public List<Finding> check(LintContext context) {
        return context.facts(AddConstraint.class).stream()
                .filter(a -> a.constraint().kind() == ConstraintKind.CHECK && !a.constraint().notValid()
                        && context.existing(a.table()))
                .map(a -> finding(context, a.line(), "adds CHECK constraint "
                                + (a.constraint().name() == null ? "" : a.constraint().name() + " ") + "to "
                                + context.describe(a.table()) + " without NOT VALID",
                        "ADD CONSTRAINT … CHECK (…) NOT VALID, then ALTER TABLE … VALIDATE CONSTRAINT in a later "
                                + "migration (it takes only SHARE UPDATE EXCLUSIVE)"))
                .toList();
    }
}
