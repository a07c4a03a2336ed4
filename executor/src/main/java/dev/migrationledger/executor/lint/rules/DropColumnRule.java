package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.flyway.MigrationScript;
import dev.migrationledger.executor.lint.DescribedRule;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.LintRule;
import dev.migrationledger.executor.lint.Severity;
import dev.migrationledger.executor.sql.ChangeKind;
import java.util.List;

/** Dropping a column loses its data and breaks every running version that still reads it. */
public final class DropColumnRule extends DescribedRule {

    public static final String ID = "ML002-drop-column";

    public DropColumnRule() {
        super(ID, Severity.ERROR,
                "drops a column of an existing table, and its data", "ban-drop-column");
    }

    @Override
    public List<Finding> check(LintContext context) {
        MigrationScript script = context.script();
        Severity severity = LintRule.destructionAcknowledged(script) ? Severity.WARNING : Severity.ERROR;
        return script.changes().stream()
                .filter(c -> c.kind() == ChangeKind.DROP_COLUMN && context.existing(c.object()))
                .map(c -> finding(severity, context, c.line(),
                        "drops column " + c.object() + "." + c.column() + " and its data",
                        "stop every read of the column in an earlier release, then drop it in a contract step: "
                                + LintRule.declare("class=destructive phase=contract")))
                .toList();
    }
}
