package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.flyway.MigrationScript;
import dev.migrationledger.executor.lint.DescribedRule;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.Severity;
import dev.migrationledger.executor.sql.ChangeKind;
import java.util.List;

/** A plain CREATE INDEX blocks all writes to an existing table for as long as the build takes. */
public final class IndexWithoutConcurrentlyRule extends DescribedRule {

    public static final String ID = "ML007-index-without-concurrently";

    public IndexWithoutConcurrentlyRule() {
        super(ID, Severity.WARNING,
                "creates an index on an existing table without CONCURRENTLY (blocks writes)",
                "require-concurrent-index-creation");
    }

    @Override
    public List<Finding> check(LintContext context) {
        MigrationScript script = context.script();
        return script.changes().stream()
                .filter(c -> c.kind() == ChangeKind.CREATE_INDEX && context.existing(c.object()))
                .map(c -> finding(Severity.WARNING, context, c.line(),
                        "creates an index on existing table " + c.object() + " without CONCURRENTLY",
                        "CREATE INDEX blocks writes to the table until it finishes; use CREATE INDEX CONCURRENTLY in a migration of its own (it cannot run inside a transaction)"))
                .toList();
    }
}
