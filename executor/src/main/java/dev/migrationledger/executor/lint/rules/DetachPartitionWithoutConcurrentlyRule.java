package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.lint.DescribedRule;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.Severity;
import dev.migrationledger.executor.sql.DdlFact.DetachPartition;
import java.util.List;

/** DETACH PARTITION without CONCURRENTLY takes ACCESS EXCLUSIVE on the partitioned table. */
public final class DetachPartitionWithoutConcurrentlyRule extends DescribedRule {

    public static final String ID = "ML025-detach-partition-without-concurrently";

    public DetachPartitionWithoutConcurrentlyRule() {
        super(ID, Severity.WARNING,
                "detaches a partition without CONCURRENTLY (ACCESS EXCLUSIVE on the parent)",
                "require-concurrent-partition-detach");
    }

    @Override
    public List<Finding> check(LintContext context) {
        return context.facts(DetachPartition.class).stream()
                .filter(d -> !d.concurrently() && context.existing(d.table()))
                .map(d -> finding(context, d.line(), "detaches partition " + d.partition() + " from " + d.table()
                                + " without CONCURRENTLY: the whole partitioned table is locked",
                        context.pgVersion().atLeast(14)
                                ? "ALTER TABLE … DETACH PARTITION … CONCURRENTLY, alone in its migration"
                                : "DETACH PARTITION CONCURRENTLY needs PostgreSQL 14; until then run it in a quiet window with lock_timeout set"))
                .toList();
    }
}
