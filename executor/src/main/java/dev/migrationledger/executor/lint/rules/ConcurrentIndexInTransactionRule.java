package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.lint.DescribedRule;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.Severity;
import dev.migrationledger.executor.sql.DdlFact;
import java.util.ArrayList;
import java.util.List;

/**
 * CONCURRENTLY cannot run inside a transaction block. Flyway runs a script in one transaction as soon as
 * it holds any transactional statement (with {@code mixed=false} it refuses the mix), and an explicit
 * {@code BEGIN} opens one: either way the migration fails.
 */
public final class ConcurrentIndexInTransactionRule extends DescribedRule {

    public static final String ID = "ML026-concurrent-index-in-transaction";

    public ConcurrentIndexInTransactionRule() {
        super(ID, Severity.ERROR,
                "builds, drops or rebuilds an index CONCURRENTLY where it would run inside a transaction (it fails)",
                "ban-concurrent-index-creation-in-transaction");
    }

    @Override
    public List<Finding> check(LintContext context) {
        List<Finding> findings = new ArrayList<>();
        boolean mixed = context.runsInTransaction();
        boolean open = false;
        for (LintContext.Parsed parsed : context.statements()) {
            for (DdlFact fact : parsed.facts()) {
                if (fact instanceof DdlFact.Transaction t) {
                    open = t.verb() == DdlFact.TxVerb.BEGIN || (open && t.verb() == DdlFact.TxVerb.SAVEPOINT);
                }
                String what = concurrent(fact);
                if (what != null && (open || mixed)) {
                    findings.add(finding(context, fact.line(), what + " CONCURRENTLY inside a transaction: PostgreSQL refuses it"
                                    + (open ? " (after BEGIN)" : " (Flyway runs this script in one transaction because of its other statements)"),
                            "CONCURRENTLY runs only in a migration of its own that holds only non-transactional statements, with no BEGIN"));
                }
            }
        }
        return findings;
    }

    private static String concurrent(DdlFact fact) {
        if (fact instanceof DdlFact.CreateIndex i && i.concurrently()) {
            return "creates index " + (i.name() == null ? "on " + i.table() : i.name());
        }
        if (fact instanceof DdlFact.DropIndex d && d.concurrently()) {
            return "drops index " + String.join(", ", d.names());
        }
        if (fact instanceof DdlFact.Reindex r && r.concurrently()) {
            return "rebuilds " + r.target();
        }
        return null;
    }
}
