package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.flyway.MigrationScript;
import dev.migrationledger.executor.lint.DescribedRule;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.Severity;
import dev.migrationledger.executor.sql.ChangeKind;
import java.util.List;

/** SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock and fails if any row is null. */
public final class SetNotNullRule extends DescribedRule {

    public static final String ID = "ML005-set-not-null";

    public SetNotNullRule() {
        super(ID, Severity.WARNING,
                "sets NOT NULL on a column of an existing table (a full scan under ACCESS EXCLUSIVE)",
                "adding-not-nullable-field");
    }

    @Override
    public List<Finding> check(LintContext context) {
        MigrationScript script = context.script();
        return script.changes().stream()
                .filter(c -> c.kind() == ChangeKind.SET_NOT_NULL && context.existing(c.object()))
                .map(c -> finding(Severity.WARNING, context, c.line(),
                        "sets NOT NULL on existing column " + c.object() + "." + c.column(),
                        "the whole table is scanned under an ACCESS EXCLUSIVE lock; add CHECK (col IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT in a later migration, then SET NOT NULL"))
                .toList();
    }
}
