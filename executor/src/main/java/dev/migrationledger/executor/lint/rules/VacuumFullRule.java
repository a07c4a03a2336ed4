package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.lint.DescribedRule;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.Severity;
import dev.migrationledger.executor.sql.DdlFact.Rewriter;
import dev.migrationledger.executor.sql.DdlFact.TableRewrite;
import java.util.List;

/** VACUUM FULL and CLUSTER rewrite the table under ACCESS EXCLUSIVE for as long as the copy takes. */
public final class VacuumFullRule extends DescribedRule {

    public static final String ID = "ML038-vacuum-full-or-cluster";

    public VacuumFullRule() {
        super(ID, Severity.WARNING,
                "rewrites a table with VACUUM FULL or CLUSTER (ACCESS EXCLUSIVE for the whole copy)", "prefer-repack");
    }

    @Override
    public List<Finding> check(LintContext context) {
        return context.facts(TableRewrite.class).stream()
                .filter(t -> context.existing(t.table()))
                .map(t -> finding(context, t.line(), (t.how() == Rewriter.CLUSTER ? "CLUSTER" : "VACUUM FULL")
                                + (t.table() == null ? "" : " of " + t.table()) + " rewrites the table under ACCESS EXCLUSIVE",
                        "use pg_repack (or pg_squeeze), which rewrites online, and keep maintenance out of migrations"))
                .toList();
    }
}
