package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.lint.DescribedRule;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.Severity;
import dev.migrationledger.executor.sql.DdlFact.DataChange;
import java.util.List;

/** {@code UPDATE t SET a = 1, a = 2} is refused by PostgreSQL ("multiple assignments to same column"). */
public final class DuplicateColumnAssignmentRule extends DescribedRule {

    public static final String ID = "ML049-duplicate-column-assignment";

    public DuplicateColumnAssignmentRule() {
        super(ID, Severity.ERROR,
                "assigns the same column twice in one UPDATE (PostgreSQL refuses it)",
                "ban-duplicate-column-assignments");
    }

    @Override
    public List<Finding> check(LintContext context) {
        return context.facts(DataChange.class).stream()
                .filter(d -> !d.repeatedColumns().isEmpty())
                .map(d -> finding(context, d.line(), "assigns " + String.join(", ", d.repeatedColumns()) + " more than once in "
                                + "one UPDATE of " + d.table() + ": PostgreSQL refuses it",
                        "one assignment per column (the expressions combined, or two UPDATEs)"))
                .toList();
    }
}
