package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.lint.DescribedRule;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.Severity;
import dev.migrationledger.executor.sql.DdlFact.AddColumn;
import dev.migrationledger.executor.sql.DdlFact.AddConstraint;
import dev.migrationledger.executor.sql.DdlFact.ConstraintKind;
import java.util.ArrayList;
import java.util.List;

/** ADD PRIMARY KEY builds its index under ACCESS EXCLUSIVE (and checks every row for NULL). */
public final class PrimaryKeyWithoutIndexRule extends DescribedRule {

    public static final String ID = "ML021-primary-key-without-index";

    public PrimaryKeyWithoutIndexRule() {
        super(ID, Severity.WARNING,
                "adds a PRIMARY KEY to an existing table without a pre-built index (USING INDEX)",
                "adding-serial-primary-key-field");
    }

    private static final String ADVICE = "CREATE UNIQUE INDEX CONCURRENTLY … in its own migration, then "
            + "ADD CONSTRAINT … PRIMARY KEY USING INDEX …";

    @Override
    public List<Finding> check(LintContext context) {
        List<Finding> findings = new ArrayList<>();
        context.facts(AddConstraint.class).stream()
                .filter(a -> a.constraint().kind() == ConstraintKind.PRIMARY_KEY && !a.constraint().usingIndex()
                        && context.existing(a.table()))
                .forEach(a -> findings.add(finding(context, a.line(), "adds a PRIMARY KEY to " + context.describe(a.table())
                        + ": its index is built under ACCESS EXCLUSIVE", ADVICE)));
        context.facts(AddColumn.class).stream()
                .filter(a -> a.column().primaryKey() && context.existing(a.table()))
                .forEach(a -> findings.add(finding(context, a.line(), "adds primary-key column " + a.table() + "."
                        + a.column().name() + ": the table is rewritten and its index built under ACCESS EXCLUSIVE", ADVICE)));
        return findings;
    }
}
