package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.lint.DescribedRule;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.Severity;
import dev.migrationledger.executor.sql.DdlFact.EnumValueAdded;
import java.util.List;

/** ADD VALUE without BEFORE or AFTER appends the label last, which changes what range comparisons on the enum mean. */
public final class EnumValueOrderRule extends DescribedRule {

    public static final String ID = "ML047-enum-value-order";

    public EnumValueOrderRule() {
        super(ID, Severity.WARNING,
                "adds an enum value without BEFORE or AFTER (it sorts last)", "require-enum-value-ordering");
    }

    @Override
    public List<Finding> check(LintContext context) {
        return context.facts(EnumValueAdded.class).stream()
                .filter(e -> !e.positioned())
                .map(e -> finding(context, e.line(), "adds a value to enum " + e.type() + " without BEFORE or AFTER: "
                                + "it sorts after every existing value",
                        "say where it belongs: ALTER TYPE " + e.type() + " ADD VALUE '…' BEFORE '…' (or AFTER '…')"))
                .toList();
    }
}
