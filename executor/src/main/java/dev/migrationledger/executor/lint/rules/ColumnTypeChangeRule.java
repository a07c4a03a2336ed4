package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.flyway.MigrationScript;
import dev.migrationledger.executor.lint.DescribedRule;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.Severity;
import dev.migrationledger.executor.sql.ChangeKind;
import java.util.List;

/** Changing a column's type usually rewrites the table while holding its strongest lock, and old code may not read the new type. */
public final class ColumnTypeChangeRule extends DescribedRule {

    public static final String ID = "ML004-column-type-change";

    public ColumnTypeChangeRule() {
        super(ID, Severity.WARNING,
                "changes a column's type on an existing table (usually a rewrite under ACCESS EXCLUSIVE)",
                "changing-column-type");
    }

    @Override
    public List<Finding> check(LintContext context) {
        MigrationScript script = context.script();
        return script.changes().stream()
                .filter(c -> c.kind() == ChangeKind.ALTER_TYPE && context.existing(c.object()))
                .map(c -> finding(Severity.WARNING, context, c.line(),
                        "changes the type of " + c.object() + "." + c.column(),
                        "most type changes rewrite the table under an ACCESS EXCLUSIVE lock and break readers expecting the old type; add a new column, backfill, switch, then drop the old one"))
                .toList();
    }
}
