package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.LintRule;
import dev.migrationledger.executor.lint.Severity;
import java.util.List;

/** Without {@code statement_timeout} a migration holding ACCESS EXCLUSIVE has no upper bound on how long it blocks the table. */
public final class StatementTimeoutRule implements LintRule {

    public static final String ID = "ML030-statement-timeout";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Severity severity() {
        return Severity.INFO;
    }

    @Override
    public String summary() {
        return "takes ACCESS EXCLUSIVE on an existing table before setting statement_timeout";
    }

    @Override
    public List<String> squawk() {
        return List.of("require-statement-timeout", "require-timeout-settings");
    }

    @Override
    public List<Finding> check(LintContext context) {
        return TimeoutSettings.firstExclusiveLockWithout(context, "statement_timeout")
                .map(f -> List.of(finding(context, f.line(), "takes ACCESS EXCLUSIVE on an existing table with no statement_timeout set",
                        "add SET statement_timeout = '5min' (or what the change needs) after SET lock_timeout")))
                .orElse(List.of());
    }
}
