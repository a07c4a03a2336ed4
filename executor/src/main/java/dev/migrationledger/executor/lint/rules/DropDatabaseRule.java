package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.lint.DescribedRule;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.Severity;
import dev.migrationledger.executor.sql.DdlFact.DropDatabase;
import java.util.List;

/** A migration never drops a database: it is every schema and every row at once, with no way back. */
public final class DropDatabaseRule extends DescribedRule {

    public static final String ID = "ML036-drop-database";

    public DropDatabaseRule() {
        super(ID, Severity.ERROR,
                "drops a database", "ban-drop-database");
    }

    @Override
    public List<Finding> check(LintContext context) {
        return context.facts(DropDatabase.class).stream()
                .map(d -> finding(context, d.line(), "drops database " + d.name(),
                        "dropping a database is an operator's decision, made outside migrations"))
                .toList();
    }
}
