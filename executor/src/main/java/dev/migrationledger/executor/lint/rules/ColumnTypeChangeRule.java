package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.flyway.MigrationScript;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintRule;
import dev.migrationledger.executor.lint.Severity;
import dev.migrationledger.executor.sql.ChangeKind;
import java.util.List;
import java.util.Set;

/** Changing a column's type usually rewrites the table while holding its strongest lock, and old code may not read the new type. */
public final class ColumnTypeChangeRule implements LintRule {

    public static final String ID = "ML004-column-type-change";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(MigrationScript script) {
        Set<String> created = LintRule.tablesCreatedIn(script);
        return script.changes().stream()
                .filter(c -> c.kind() == ChangeKind.ALTER_TYPE && !created.contains(c.object()))
                .map(c -> finding(Severity.WARNING, script, c.line(),
                        "changes the type of " + c.object() + "." + c.column(),
                        "most type changes rewrite the table under an ACCESS EXCLUSIVE lock and break readers expecting the old type; add a new column, backfill, switch, then drop the old one"))
                .toList();
    }
}
