package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.LintRule;
import dev.migrationledger.executor.lint.Severity;
import dev.migrationledger.executor.sql.DdlFact.Truncate;
import java.util.List;

/** TRUNCATE … CASCADE also empties every table that references these, however far the chain goes. */
public final class TruncateCascadeRule implements LintRule {

    public static final String ID = "ML037-truncate-cascade";

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
        return "truncates with CASCADE (empties every referencing table too)";
    }

    @Override
    public List<String> squawk() {
        return List.of("ban-truncate-cascade");
    }

    @Override
    public List<Finding> check(LintContext context) {
        return context.facts(Truncate.class).stream()
                .filter(Truncate::cascade)
                .map(t -> finding(context, t.line(), "truncates " + String.join(", ", t.tables())
                                + " with CASCADE: every table with a foreign key to them is emptied as well",
                        "name every table to empty in the TRUNCATE and leave CASCADE out, so PostgreSQL refuses "
                                + "rather than empties a table you did not list"))
                .toList();
    }
}
