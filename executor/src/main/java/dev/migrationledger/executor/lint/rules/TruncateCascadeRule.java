package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.lint.DescribedRule;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.Severity;
import dev.migrationledger.executor.sql.DdlFact.Truncate;
import java.util.List;

/** TRUNCATE … CASCADE also empties every table that references these, however far the chain goes. */
public final class TruncateCascadeRule extends DescribedRule {

    public static final String ID = "ML037-truncate-cascade";

    public TruncateCascadeRule() {
        super(ID, Severity.ERROR,
                "truncates with CASCADE (empties every referencing table too)", "ban-truncate-cascade");
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
