package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.lint.DescribedRule;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.Severity;
import dev.migrationledger.executor.sql.DdlFact.AddConstraint;
import dev.migrationledger.executor.sql.DdlFact.ValidateConstraint;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * VALIDATE CONSTRAINT in the script that added the constraint NOT VALID: Flyway runs both in one
 * transaction, which keeps the ADD's ACCESS EXCLUSIVE lock through the whole validation scan.
 */
public final class ValidateInSameTransactionRule extends DescribedRule {

    public static final String ID = "ML018-validate-in-same-transaction";

    public ValidateInSameTransactionRule() {
        super(ID, Severity.WARNING,
                "validates a constraint in the transaction that added it NOT VALID (the lock is held through the scan)",
                "constraint-missing-not-valid");
    }

    @Override
    public List<Finding> check(LintContext context) {
        Set<String> addedNotValid = context.facts(AddConstraint.class).stream()
                .filter(a -> a.constraint().notValid() && a.constraint().name() != null)
                .map(a -> a.constraint().name())
                .collect(Collectors.toSet());
        return context.facts(ValidateConstraint.class).stream()
                .filter(v -> addedNotValid.contains(v.name()) && context.existing(v.table()))
                .map(v -> finding(context, v.line(), "validates " + v.name() + " in the same transaction that added it NOT VALID",
                        "VALIDATE CONSTRAINT " + v.name() + " belongs in a later migration, so that the ADD's ACCESS "
                                + "EXCLUSIVE lock is released before the scan"))
                .toList();
    }
}
