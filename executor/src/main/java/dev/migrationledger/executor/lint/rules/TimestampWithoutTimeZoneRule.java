package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.lint.DescribedRule;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.Severity;
import java.util.List;

/** timestamp without time zone stores a wall-clock reading whose meaning depends on the session's zone. */
public final class TimestampWithoutTimeZoneRule extends DescribedRule {

    public static final String ID = "ML041-timestamp-without-time-zone";

    public TimestampWithoutTimeZoneRule() {
        super(ID, Severity.WARNING,
                "declares a timestamp without time zone column", "prefer-timestamptz");
    }

    @Override
    public List<Finding> check(LintContext context) {
        return DeclaredColumns.of(context).stream()
                .filter(c -> c.type().name().equals("timestamp"))
                .map(c -> finding(context, c.line(), "declares " + c.qualifiedName() + " as " + c.type().written() + ": the value is read in whatever zone the session has",
                        "use timestamptz (timestamp with time zone); it stores an instant and converts on display"))
                .toList();
    }
}
