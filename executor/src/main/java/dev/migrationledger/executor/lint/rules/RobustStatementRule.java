package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.lint.DescribedRule;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.Severity;
import dev.migrationledger.executor.sql.DdlFact;
import java.util.ArrayList;
import java.util.List;

/**
 * A migration that fails half-way outside a transaction (CONCURRENTLY scripts) fails again on its retry
 * at the first object it already created: guards make a retry safe. A note.
 */
public final class RobustStatementRule extends DescribedRule {

    public static final String ID = "ML053-missing-if-exists";

    public RobustStatementRule() {
        super(ID, Severity.INFO,
                "creates or drops without IF [NOT] EXISTS", "prefer-robust-stmts");
    }

    @Override
    public List<Finding> check(LintContext context) {
        List<Finding> findings = new ArrayList<>();
        for (DdlFact fact : context.facts().toList()) {
            String what = unguarded(fact);
            if (what != null) {
                findings.add(finding(context, fact.line(), what + " without " + (what.startsWith("drop") ? "IF EXISTS" : "IF NOT EXISTS")
                                + ": a retry after a partial run fails here",
                        "with the guard, a migration that failed part-way can be run again"));
            }
        }
        return findings;
    }

    private static String unguarded(DdlFact fact) {
        if (fact instanceof DdlFact.CreateTable t && !t.ifNotExists()) {
            return "creates table " + t.table();
        }
        if (fact instanceof DdlFact.CreateIndex i && !i.ifNotExists() && i.name() != null) {
            return "creates index " + i.name();
        }
        if (fact instanceof DdlFact.AddColumn a && !a.ifNotExists()) {
            return "adds column " + a.table() + "." + a.column().name();
        }
        if (fact instanceof DdlFact.DropIndex d && !d.ifExists()) {
            return "drops index " + String.join(", ", d.names());
        }
        if (fact instanceof DdlFact.Drop d && !d.ifExists()) {
            return "drops " + d.what().name().toLowerCase() + " " + (d.name() == null ? d.table() : d.table() + "." + d.name());
        }
        return null;
    }
}
