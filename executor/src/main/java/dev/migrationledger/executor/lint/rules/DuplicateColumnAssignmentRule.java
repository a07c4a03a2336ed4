package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.LintRule;
import dev.migrationledger.executor.lint.Severity;
import dev.migrationledger.executor.sql.DdlFact.DataChange;
import java.util.List;

/** {@code UPDATE t SET a = 1, a = 2} is refused by PostgreSQL ("multiple assignments to same column"). */
public final class DuplicateColumnAssignmentRule implements LintRule {

    public static final String ID = "ML049-duplicate-column-assignment";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "assigns the same column twice in one UPDATE (PostgreSQL refuses it)";
    }

    @Override
    public List<String> squawk() {
        return List.of("ban-duplicate-column-assignments");
    }

    @Override
    public List<Finding> check(LintContext context) {
        return context.facts(DataChange.class).stream()
                .filter(d -> !d.repeatedColumns().isEmpty())
                .map(d -> finding(context, d.line(), "assigns " + String.join(", ", d.repeatedColumns()) + " more than once in "
                                + "one UPDATE of " + d.table() + ": PostgreSQL refuses it",
                        "keep one assignment per column (combine the expressions, or split the UPDATE)"))
                .toList();
    }
}
