package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.flyway.MigrationScript;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintRule;
import dev.migrationledger.executor.lint.Severity;
import dev.migrationledger.executor.sql.ChangeKind;
import java.util.List;
import java.util.Set;

/** A plain CREATE INDEX blocks all writes to an existing table for as long as the build takes. */
public final class IndexWithoutConcurrentlyRule implements LintRule {

    public static final String ID = "ML007-index-without-concurrently";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(MigrationScript script) {
        Set<String> created = LintRule.tablesCreatedIn(script);
        return script.changes().stream()
                .filter(c -> c.kind() == ChangeKind.CREATE_INDEX && !created.contains(c.object()))
                .map(c -> finding(Severity.WARNING, script, c.line(),
                        "creates an index on existing table " + c.object() + " without CONCURRENTLY",
                        "CREATE INDEX blocks writes to the table until it finishes; use CREATE INDEX CONCURRENTLY in a migration of its own (it cannot run inside a transaction)"))
                .toList();
    }
}
