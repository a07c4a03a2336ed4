package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.LintRule;
import dev.migrationledger.executor.lint.Severity;
import dev.migrationledger.executor.sql.DdlFact.DropIndex;
import java.util.List;

/** DROP INDEX without CONCURRENTLY takes ACCESS EXCLUSIVE on the index's table. */
public final class DropIndexWithoutConcurrentlyRule implements LintRule {

    public static final String ID = "ML023-drop-index-without-concurrently";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "drops an index without CONCURRENTLY (ACCESS EXCLUSIVE on its table)";
    }

    @Override
    public List<String> squawk() {
        return List.of("require-concurrent-index-deletion");
    }

    @Override
    public List<Finding> check(LintContext context) {
        return context.facts(DropIndex.class).stream()
                .filter(d -> !d.concurrently())
                .map(d -> finding(context, d.line(), "drops index " + String.join(", ", d.names())
                                + " without CONCURRENTLY: its table is locked against reads and writes",
                        "DROP INDEX CONCURRENTLY, alone in its migration (it cannot run inside a transaction)"))
                .toList();
    }
}
