package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.lint.DescribedRule;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.Severity;
import dev.migrationledger.executor.sql.DdlFact.ColumnNullability;
import java.util.List;

/** DROP NOT NULL lets NULLs in that the running code (and the previous release, on rollback) does not expect. */
public final class DropNotNullRule extends DescribedRule {

    public static final String ID = "ML035-drop-not-null";

    public DropNotNullRule() {
        super(ID, Severity.WARNING,
                "drops NOT NULL from a column of an existing table (code may not expect NULLs)", "ban-drop-not-null");
    }

    @Override
    public List<Finding> check(LintContext context) {
        return context.facts(ColumnNullability.class).stream()
                .filter(n -> !n.notNull() && context.existing(n.table()))
                .map(n -> finding(context, n.line(), "drops NOT NULL from " + n.table() + "." + n.column()
                                + ": code that assumes a value, and the previous release on rollback, may fail on NULLs",
                        "first ship code that handles NULL in " + n.column() + ", then drop the constraint"))
                .toList();
    }
}
