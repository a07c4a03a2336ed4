package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.flyway.MigrationScript;
import dev.migrationledger.executor.lint.DescribedRule;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.LintRule;
import dev.migrationledger.executor.lint.Severity;
import dev.migrationledger.executor.sql.ChangeKind;
import java.util.List;

/**
 * Dropping a table or schema loses its data for good. An error unless the header acknowledges it
 * (class=destructive or phase=contract), then a warning that still shows in every lint run.
 */
public final class DropTableRule extends DescribedRule {

    public static final String ID = "ML001-drop-table";

    public DropTableRule() {
        super(ID, Severity.ERROR,
                "drops a table or schema that exists, and its data", "ban-drop-table", "ban-drop-schema");
    }

    @Override
    public List<Finding> check(LintContext context) {
        MigrationScript script = context.script();
        Severity severity = LintRule.destructionAcknowledged(script) ? Severity.WARNING : Severity.ERROR;
        return script.changes().stream()
                .filter(c -> c.kind() == ChangeKind.DROP_TABLE || c.kind() == ChangeKind.DROP_SCHEMA)
                .filter(c -> context.existing(c.object()))
                .map(c -> finding(severity, context, c.line(),
                        (c.kind() == ChangeKind.DROP_SCHEMA ? "drops schema " : "drops table ") + c.object()
                                + " and all its data",
                        "back up first, stop all readers in an earlier release, and "
                                + LintRule.declare("class=destructive phase=contract expands=<version>")))
                .toList();
    }
}
