package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.lint.DescribedRule;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.Severity;
import dev.migrationledger.executor.sql.DdlFact.Transaction;
import dev.migrationledger.executor.sql.DdlFact.TxVerb;
import java.util.ArrayList;
import java.util.List;

/**
 * Flyway already runs each migration in a transaction: a BEGIN inside it only warns, but a COMMIT ends
 * Flyway's transaction half-way, so a later failure can no longer roll the migration back.
 */
public final class NestedTransactionRule extends DescribedRule {

    public static final String ID = "ML051-nested-transaction";

    public NestedTransactionRule() {
        super(ID, Severity.ERROR,
                "controls transactions inside a migration Flyway already runs in one (BEGIN, COMMIT, ROLLBACK)",
                "transaction-nesting");
    }

    @Override
    public List<Finding> check(LintContext context) {
        List<Finding> findings = new ArrayList<>();
        boolean open = false;
        for (Transaction t : context.facts(Transaction.class)) {
            if (t.verb() == TxVerb.BEGIN) {
                findings.add(finding(context, t.line(), open ? "opens a transaction inside another one"
                                : "opens a transaction inside the one Flyway runs the migration in",
                        "a migration needs no BEGIN/COMMIT: Flyway commits it with its history row, or rolls both back"));
                open = true;
            } else if (t.verb() == TxVerb.COMMIT || t.verb() == TxVerb.ROLLBACK) {
                findings.add(finding(context, t.line(), "ends the transaction Flyway runs the migration in before the migration ends",
                        "parts that must commit on their own belong in separate migrations"));
                open = false;
            }
        }
        return findings;
    }
}
