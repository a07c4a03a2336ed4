package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.lint.DescribedRule;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.Severity;
import dev.migrationledger.executor.sql.DdlFact.AddColumn;
import java.util.List;

/** A stored generated column is computed for every existing row: the table is rewritten under ACCESS EXCLUSIVE. */
public final class StoredGeneratedColumnRule extends DescribedRule {

    public static final String ID = "ML014-stored-generated-column";

    public StoredGeneratedColumnRule() {
        super(ID, Severity.WARNING,
                "adds a stored generated column to an existing table (a rewrite under ACCESS EXCLUSIVE)",
                "adding-field-with-default");
    }

    @Override
    public List<Finding> check(LintContext context) {
        return context.facts(AddColumn.class).stream()
                .filter(a -> a.column().storedGenerated() && context.existing(a.table()))
                .map(a -> finding(context, a.line(), "adds stored generated column " + a.table() + "." + a.column().name()
                                + " to " + context.describe(a.table()) + ": every row is rewritten under ACCESS EXCLUSIVE",
                        "add a plain column, fill it with a trigger for new rows and a batched backfill for old ones, "
                                + "or compute the value in a view"))
                .toList();
    }
}
