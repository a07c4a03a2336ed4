package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.lint.DescribedRule;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.Severity;
import dev.migrationledger.executor.sql.DdlFact.Rename;
import dev.migrationledger.executor.sql.DdlFact.Renamed;
import java.util.List;

/** Renaming an enum value breaks running code and stored queries that still use the old label. */
public final class RenameEnumValueRule extends DescribedRule {

    public static final String ID = "ML034-rename-enum-value";

    public RenameEnumValueRule() {
        super(ID, Severity.ERROR,
                "renames an enum value (running code still sends the old label)");
    }

    @Override
    public List<Finding> check(LintContext context) {
        return context.facts(Rename.class).stream()
                .filter(r -> r.what() == Renamed.ENUM_VALUE)
                .map(r -> finding(context, r.line(), "renames a value of enum type " + r.object()
                                + ": inserts and comparisons using the old label fail",
                        "ADD VALUE the new label, move code and rows over (UPDATE in batches), and stop using the old one; "
                                + "enum values cannot be dropped, so plan the label you keep"))
                .toList();
    }
}
