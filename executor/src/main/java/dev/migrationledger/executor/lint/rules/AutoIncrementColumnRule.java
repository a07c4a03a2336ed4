package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.lint.DescribedRule;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.Severity;
import dev.migrationledger.executor.sql.DdlFact.AddColumn;
import java.util.List;

/** An auto-increment column (serial or identity) added to an existing table fills every row: a rewrite under ACCESS EXCLUSIVE. */
public final class AutoIncrementColumnRule extends DescribedRule {

    public static final String ID = "ML015-auto-increment-column";

    public AutoIncrementColumnRule() {
        super(ID, Severity.WARNING,
                "adds a serial or identity column to an existing table (a rewrite under ACCESS EXCLUSIVE)");
    }

    @Override
    public List<Finding> check(LintContext context) {
        return context.facts(AddColumn.class).stream()
                .filter(a -> (a.column().type().isSerial() || a.column().identity()) && context.existing(a.table()))
                .map(a -> finding(context, a.line(), "adds auto-increment column " + a.table() + "." + a.column().name()
                                + " to " + context.describe(a.table()) + ": every row gets a value, the table is rewritten",
                        "create a new table with the column and copy rows over in batches, or add a nullable bigint "
                                + "column, attach a sequence default, and backfill in batches"))
                .toList();
    }
}
