package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.lint.DescribedRule;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.Severity;
import dev.migrationledger.executor.sql.DdlFact.Rename;
import dev.migrationledger.executor.sql.DdlFact.Renamed;
import java.util.List;

/** Renaming a table breaks every running instance of the application that still uses the old name. */
public final class RenameTableRule extends DescribedRule {

    public static final String ID = "ML032-rename-table";

    public RenameTableRule() {
        super(ID, Severity.ERROR,
                "renames an existing table (running code still uses the old name)", "renaming-table");
    }

    @Override
    public List<Finding> check(LintContext context) {
        return context.facts(Rename.class).stream()
                .filter(r -> r.what() == Renamed.TABLE && context.existing(r.object()))
                .map(r -> finding(context, r.line(), "renames table " + r.object() + " to " + r.to()
                                + ": running code that uses " + r.object() + " fails at once",
                        "create the new table (or a view named " + r.to() + "), write to both, backfill, move reads, "
                                + "then drop " + r.object() + " in a later release"))
                .toList();
    }
}
