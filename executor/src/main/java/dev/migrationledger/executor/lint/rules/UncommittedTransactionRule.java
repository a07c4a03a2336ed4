package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.lint.DescribedRule;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.Severity;
import dev.migrationledger.executor.sql.DdlFact.Transaction;
import dev.migrationledger.executor.sql.DdlFact.TxVerb;
import java.util.List;

/** A BEGIN never committed: the migration's changes (and its locks) hang on the session, or roll back when it closes. */
public final class UncommittedTransactionRule extends DescribedRule {

    public static final String ID = "ML050-uncommitted-transaction";

    public UncommittedTransactionRule() {
        super(ID, Severity.ERROR,
                "opens a transaction with BEGIN and never commits it", "ban-uncommitted-transaction");
    }

    @Override
    public List<Finding> check(LintContext context) {
        Transaction open = null;
        for (Transaction t : context.facts(Transaction.class)) {
            if (t.verb() == TxVerb.BEGIN && open == null) {
                open = t;
            } else if (t.verb() == TxVerb.COMMIT || t.verb() == TxVerb.ROLLBACK) {
                open = null;
            }
        }
        return open == null ? List.of() : List.of(finding(context, open.line(),
                "opens a transaction that the script never commits",
                "a migration needs no BEGIN (Flyway already runs it in a transaction); a BEGIN needs its COMMIT"));
    }
}
