package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.lint.DescribedRule;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.Severity;
import dev.migrationledger.executor.sql.DdlFact;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL 14.0–14.3 can silently corrupt indexes built or rebuilt CONCURRENTLY (fixed in 14.4).
 * Follows {@code --pg-version}; a major version alone (14) is taken as possibly affected.
 */
public final class ConcurrentIndexOnPg14Rule extends DescribedRule {

    public static final String ID = "ML028-concurrent-index-on-pg14";

    public ConcurrentIndexOnPg14Rule() {
        super(ID, Severity.ERROR,
                "builds an index CONCURRENTLY on PostgreSQL 14.0–14.3 (known to corrupt indexes)");
    }

    @Override
    public List<Finding> check(LintContext context) {
        List<Finding> findings = new ArrayList<>();
        if (!context.pgVersion().mayCorruptConcurrentIndexes()) {
            return findings;
        }
        for (DdlFact fact : context.facts().toList()) {
            boolean concurrent = fact instanceof DdlFact.CreateIndex i && i.concurrently()
                    || fact instanceof DdlFact.Reindex r && r.concurrently();
            if (concurrent) {
                findings.add(finding(context, fact.line(), "builds an index CONCURRENTLY on PostgreSQL " + context.pgVersion()
                                + ": 14.0 to 14.3 can corrupt such indexes without an error",
                        "upgrade the server to 14.4 or later first (then REINDEX indexes built concurrently on 14.0–14.3), "
                                + "or pass --pg-version with the exact minor version"));
            }
        }
        return findings;
    }
}
