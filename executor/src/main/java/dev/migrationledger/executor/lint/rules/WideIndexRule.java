package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.lint.DescribedRule;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.Severity;
import dev.migrationledger.executor.sql.DdlFact.CreateIndex;
import java.util.List;

/** A non-unique index over more than three columns is rarely used for its later columns and costs every write. */
public final class WideIndexRule extends DescribedRule {

    public static final String ID = "ML027-wide-index";

    public WideIndexRule() {
        super(ID, Severity.INFO,
                "creates a non-unique index of more than three columns");
    }

    static final int MAX_COLUMNS = 3;

    @Override
    public List<Finding> check(LintContext context) {
        return context.facts(CreateIndex.class).stream()
                .filter(i -> !i.unique() && i.columns() > MAX_COLUMNS)
                .map(i -> finding(context, i.line(), "creates a non-unique index of " + i.columns() + " columns on " + i.table(),
                        "keep non-unique indexes to three columns or fewer: queries seldom use the rest, and every "
                                + "write pays for them; move extra columns to INCLUDE (…) if they are only read"))
                .toList();
    }
}
