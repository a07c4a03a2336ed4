package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.lint.DescribedRule;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.Severity;
import java.util.List;

/** {@code --verify-on}: the migration failed on a copy of the target's schema; it would fail on the target. */
public final class ObservedFailureRule extends DescribedRule {

    public static final String ID = "ML062-observed-failure";

    public ObservedFailureRule() {
        super(ID, Severity.ERROR,
                "--verify-on: the migration fails on a copy of the target's schema");
    }

    @Override
    public List<Finding> check(LintContext context) {
        return context.observed().filter(m -> m.error() != null)
                .map(m -> List.of(finding(context, m.statements().isEmpty() ? 1 : m.statements().get(m.statements().size() - 1).line(),
                        "fails on a copy of the target's schema: " + m.error(),
                        "it would fail on the target as well, which has not run it yet; migrations after it were not verified")))
                .orElse(List.of());
    }
}
