package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.lint.DescribedRule;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.Severity;
import java.util.List;

/** json has no equality operator (DISTINCT, UNION and row comparisons fail) and is re-parsed on every read. */
public final class JsonTypeRule extends DescribedRule {

    public static final String ID = "ML044-json-type";

    public JsonTypeRule() {
        super(ID, Severity.WARNING,
                "declares a json column (prefer jsonb)");
    }

    @Override
    public List<Finding> check(LintContext context) {
        return DeclaredColumns.of(context).stream()
                .filter(c -> c.type().name().equals("json"))
                .map(c -> finding(context, c.line(), "declares " + c.qualifiedName() + " as json: it has no equality operator, so DISTINCT, UNION and some ORMs fail on it",
                        "use jsonb"))
                .toList();
    }
}
