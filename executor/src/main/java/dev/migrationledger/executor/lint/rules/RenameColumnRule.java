package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.lint.DescribedRule;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.Severity;
import dev.migrationledger.executor.sql.DdlFact.Rename;
import dev.migrationledger.executor.sql.DdlFact.Renamed;
import java.util.List;

/** Renaming a column breaks every running instance of the application that still uses the old name. */
public final class RenameColumnRule extends DescribedRule {

    public static final String ID = "ML031-rename-column";

    public RenameColumnRule() {
        super(ID, Severity.ERROR,
                "renames a column of an existing table (running code still uses the old name)", "renaming-column");
    }

    @Override
    public List<Finding> check(LintContext context) {
        return context.facts(Rename.class).stream()
                .filter(r -> r.what() == Renamed.COLUMN && context.existing(r.object()))
                .map(r -> finding(context, r.line(), "renames " + r.object() + "." + r.from() + " to " + r.to()
                                + ": running code that reads or writes " + r.from() + " fails at once",
                        "expand/contract: add " + r.to() + ", write both columns, backfill, move reads, then drop "
                                + r.from() + " in a later release"))
                .toList();
    }
}
