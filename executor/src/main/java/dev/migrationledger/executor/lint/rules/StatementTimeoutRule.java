package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.lint.DescribedRule;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.Severity;
import java.util.List;

/** Without {@code statement_timeout} a migration holding ACCESS EXCLUSIVE has no upper bound on how long it blocks the table. */
public final class StatementTimeoutRule extends DescribedRule {

    public static final String ID = "ML030-statement-timeout";

    public StatementTimeoutRule() {
        super(ID, Severity.INFO,
                "takes ACCESS EXCLUSIVE on an existing table before setting statement_timeout",
                "require-statement-timeout", "require-timeout-settings");
    }

    @Override
    public List<Finding> check(LintContext context) {
        return TimeoutSettings.firstExclusiveLockWithout(context, "statement_timeout")
                .map(f -> List.of(finding(context, f.line(), "takes ACCESS EXCLUSIVE on an existing table with no statement_timeout set",
                        "add SET statement_timeout = '5min' (or what the change needs) after SET lock_timeout")))
                .orElse(List.of());
    }
}
