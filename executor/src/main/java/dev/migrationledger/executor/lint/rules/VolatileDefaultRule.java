package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.lint.DescribedRule;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.Severity;
import dev.migrationledger.executor.sql.DdlFact.AddColumn;
import dev.migrationledger.executor.sql.Volatility;
import java.util.ArrayList;
import java.util.List;

/**
 * Adding a column with a default to an existing table: before PostgreSQL 11 any default rewrites the
 * table under ACCESS EXCLUSIVE; from 11 on only a volatile one does (it is evaluated per row).
 */
public final class VolatileDefaultRule extends DescribedRule {

    public static final String ID = "ML013-volatile-default";

    public VolatileDefaultRule() {
        super(ID, Severity.WARNING,
                "adds a column whose default rewrites an existing table (a volatile default; any default before PostgreSQL 11)",
                "adding-field-with-default");
    }

    @Override
    public List<Finding> check(LintContext context) {
        List<Finding> findings = new ArrayList<>();
        boolean constantsSafe = context.pgVersion().atLeast(11);
        for (AddColumn add : context.facts(AddColumn.class)) {
            if (!add.column().hasDefault() || !context.existing(add.table())) {
                continue;
            }
            Volatility volatility = add.column().defaultValue().volatility();
            String column = add.table() + "." + add.column().name();
            String advice = "add the column without a default, then ALTER COLUMN " + add.column().name()
                    + " SET DEFAULT …, then backfill existing rows in batches outside the migration's transaction";
            if (!constantsSafe) {
                findings.add(finding(context, add.line(), "adds " + column + " with a default: PostgreSQL "
                        + context.pgVersion() + " rewrites the whole table under ACCESS EXCLUSIVE", advice));
            } else if (volatility == Volatility.VOLATILE) {
                findings.add(finding(context, add.line(), "adds " + column + " with the volatile default "
                        + add.column().defaultValue().text().strip() + ": the table is rewritten under ACCESS EXCLUSIVE", advice));
            } else if (volatility == Volatility.UNKNOWN) {
                findings.add(finding(context, add.line(), "adds " + column + " with the default "
                        + add.column().defaultValue().text().strip() + ", which calls a function not known to be stable: "
                        + "if it is volatile the table is rewritten under ACCESS EXCLUSIVE",
                        advice + " (or check the function's volatility; --verify-on shows whether it rewrites)"));
            }
        }
        return findings;
    }
}
