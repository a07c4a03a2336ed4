package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.lint.DescribedRule;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.Severity;
import java.util.List;

/** char(n) pads values with spaces and has no advantage over text in PostgreSQL. */
public final class CharTypeRule extends DescribedRule {

    public static final String ID = "ML039-char-type";

    public CharTypeRule() {
        super(ID, Severity.WARNING,
                "declares a char(n) column", "ban-char-field");
    }

    @Override
    public List<Finding> check(LintContext context) {
        return DeclaredColumns.of(context).stream()
                .filter(c -> c.type().name().equals("char"))
                .map(c -> finding(context, c.line(), "declares " + c.qualifiedName() + " as " + c.type().written() + ": char(n) pads with spaces and is no faster than text",
                        "use text (or varchar) with a CHECK (length(…) <= n) constraint if the length matters"))
                .toList();
    }
}
