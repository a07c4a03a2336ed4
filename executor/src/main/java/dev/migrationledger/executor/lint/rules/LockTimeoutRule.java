package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.lint.DescribedRule;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.Severity;
import java.util.List;

/**
 * A statement that needs ACCESS EXCLUSIVE waits behind every running query on the table, and every
 * query after it waits behind it: without {@code lock_timeout} one slow reader stalls all traffic.
 */
public final class LockTimeoutRule extends DescribedRule {

    public static final String ID = "ML029-lock-timeout";

    public LockTimeoutRule() {
        super(ID, Severity.WARNING,
                "takes ACCESS EXCLUSIVE on an existing table before setting lock_timeout",
                "require-lock-timeout", "require-timeout-settings");
    }

    @Override
    public List<Finding> check(LintContext context) {
        return TimeoutSettings.firstExclusiveLockWithout(context, "lock_timeout")
                .map(f -> List.of(finding(context, f.line(), "takes ACCESS EXCLUSIVE on an existing table with no lock_timeout set: "
                                + "while it waits for the lock, every other query on the table queues behind it",
                        "start the migration with SET lock_timeout = '2s' (and retry the deploy if it times out)")))
                .orElse(List.of());
    }
}
