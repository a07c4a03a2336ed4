package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.flyway.MigrationScript;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintRule;
import dev.migrationledger.executor.lint.Severity;
import dev.migrationledger.executor.sql.ChangeKind;
import java.util.List;
import java.util.Set;

/** Dropping a column loses its data and breaks every running version that still reads it. */
public final class DropColumnRule implements LintRule {

    public static final String ID = "ML002-drop-column";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(MigrationScript script) {
        Set<String> created = LintRule.tablesCreatedIn(script);
        Severity severity = LintRule.destructionAcknowledged(script) ? Severity.WARNING : Severity.ERROR;
        return script.changes().stream()
                .filter(c -> c.kind() == ChangeKind.DROP_COLUMN && !created.contains(c.object()))
                .map(c -> finding(severity, script, c.line(),
                        "drops column " + c.object() + "." + c.column() + " and its data",
                        "remove every read of the column in an earlier release, then drop it in a migration "
                                + "declared '-- ledger: class=destructive phase=contract'"))
                .toList();
    }
}
