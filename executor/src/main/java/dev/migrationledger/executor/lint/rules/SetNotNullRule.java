package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.flyway.MigrationScript;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintRule;
import dev.migrationledger.executor.lint.Severity;
import dev.migrationledger.executor.sql.ChangeKind;
import java.util.List;
import java.util.Set;

/** SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock and fails if any row is null. */
public final class SetNotNullRule implements LintRule {

    public static final String ID = "ML005-set-not-null";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(MigrationScript script) {
        Set<String> created = LintRule.tablesCreatedIn(script);
        return script.changes().stream()
                .filter(c -> c.kind() == ChangeKind.SET_NOT_NULL && !created.contains(c.object()))
                .map(c -> finding(Severity.WARNING, script, c.line(),
                        "sets NOT NULL on existing column " + c.object() + "." + c.column(),
                        "the whole table is scanned under an ACCESS EXCLUSIVE lock; add CHECK (col IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT in a later migration, then SET NOT NULL"))
                .toList();
    }
}
