package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.lint.DescribedRule;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.Severity;
import dev.migrationledger.executor.sql.DdlFact.DropIndex;
import java.util.List;

/** DROP INDEX without CONCURRENTLY takes ACCESS EXCLUSIVE on the index's table. */
public final class DropIndexWithoutConcurrentlyRule extends DescribedRule {

    public static final String ID = "ML023-drop-index-without-concurrently";

    public DropIndexWithoutConcurrentlyRule() {
        super(ID, Severity.WARNING,
                "drops an index without CONCURRENTLY (ACCESS EXCLUSIVE on its table)",
                "require-concurrent-index-deletion");
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
