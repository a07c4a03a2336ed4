package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.flyway.MigrationScript;
import dev.migrationledger.executor.lint.DescribedRule;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.Severity;
import dev.migrationledger.executor.sql.ChangeKind;
import java.util.List;

/** A NOT NULL column without a default cannot be added to a table that has rows: the migration fails in production while passing on an empty test database. */
public final class NotNullColumnWithoutDefaultRule extends DescribedRule {

    public static final String ID = "ML006-not-null-column-without-default";

    public NotNullColumnWithoutDefaultRule() {
        super(ID, Severity.ERROR,
                "adds a NOT NULL column without a default to an existing table (fails once the table has a row)",
                "adding-required-field");
    }

    @Override
    public List<Finding> check(LintContext context) {
        MigrationScript script = context.script();
        return script.changes().stream()
                .filter(c -> c.kind() == ChangeKind.ADD_COLUMN_NOT_NULL_WITHOUT_DEFAULT && context.existing(c.object()))
                .map(c -> finding(Severity.ERROR, context, c.line(),
                        "adds NOT NULL column " + c.object() + "." + c.column() + " without a DEFAULT to an existing table",
                        "it fails as soon as the table has a row; add the column nullable or with a DEFAULT, backfill, then SET NOT NULL"))
                .toList();
    }
}
