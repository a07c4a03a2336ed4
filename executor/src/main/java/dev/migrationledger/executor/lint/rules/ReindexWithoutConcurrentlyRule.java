package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.lint.DescribedRule;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.Severity;
import dev.migrationledger.executor.sql.DdlFact.Reindex;
import java.util.List;

/** REINDEX without CONCURRENTLY blocks writes to the table and reads through the index being rebuilt. */
public final class ReindexWithoutConcurrentlyRule extends DescribedRule {

    public static final String ID = "ML024-reindex-without-concurrently";

    public ReindexWithoutConcurrentlyRule() {
        super(ID, Severity.WARNING,
                "rebuilds an index without CONCURRENTLY (blocks writes, and reads using it)",
                "require-concurrent-reindex");
    }

    @Override
    public List<Finding> check(LintContext context) {
        return context.facts(Reindex.class).stream()
                .filter(r -> !r.concurrently())
                .map(r -> finding(context, r.line(), "rebuilds " + (r.target() == null ? "indexes" : r.target())
                                + " without CONCURRENTLY",
                        "REINDEX … CONCURRENTLY (PostgreSQL 12+), alone in its migration"))
                .toList();
    }
}
