package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.lint.DescribedRule;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.Severity;
import dev.migrationledger.executor.sql.DdlFact.AddConstraint;
import dev.migrationledger.executor.sql.DdlFact.ConstraintKind;
import java.util.List;

/** ADD UNIQUE builds its index under ACCESS EXCLUSIVE, blocking reads and writes for the whole build. */
public final class UniqueWithoutIndexRule extends DescribedRule {

    public static final String ID = "ML020-unique-without-index";

    public UniqueWithoutIndexRule() {
        super(ID, Severity.WARNING,
                "adds a UNIQUE constraint to an existing table without a pre-built index (USING INDEX)",
                "disallowed-unique-constraint");
    }

    @Override
    public List<Finding> check(LintContext context) {
        return context.facts(AddConstraint.class).stream()
                .filter(a -> a.constraint().kind() == ConstraintKind.UNIQUE && !a.constraint().usingIndex()
                        && context.existing(a.table()))
                .map(a -> finding(context, a.line(), "adds a UNIQUE constraint to " + context.describe(a.table())
                                + ": its index is built under ACCESS EXCLUSIVE",
                        "CREATE UNIQUE INDEX CONCURRENTLY … in its own migration, then ADD CONSTRAINT … UNIQUE USING INDEX …"))
                .toList();
    }
}
