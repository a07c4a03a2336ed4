package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.flyway.MigrationScript;
import dev.migrationledger.executor.lint.DescribedRule;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.LintRule;
import dev.migrationledger.executor.lint.Severity;
import dev.migrationledger.ledger.domain.ChangeClass;
import java.util.List;
import java.util.Locale;

/**
 * A header that declares a milder change class than the SQL does would let a destructive change
 * skip the backup policy (R3), which is keyed on the declared class.
 */
public final class UnderstatedClassRule extends DescribedRule {

    public static final String ID = "ML011-understated-class";

    public UnderstatedClassRule() {
        super(ID, Severity.ERROR,
                "the declared change class (header or sidecar) is milder than the SQL implies");
    }

    @Override
    public List<Finding> check(LintContext context) {
        MigrationScript script = context.script();
        ChangeClass declared = script.header().changeClass();
        ChangeClass inferred = script.inferred().changeClass();
        if (declared == null || declared.compareTo(inferred) >= 0) {
            return List.of();
        }
        Severity severity = inferred == ChangeClass.DESTRUCTIVE ? Severity.ERROR : Severity.WARNING;
        return List.of(finding(severity, context, 1,
                "declares class " + declared + " but the SQL is " + inferred,
                LintRule.declare("class=" + inferred.name().toLowerCase(Locale.ROOT))
                        + " so that the environment's backup policy applies"));
    }
}
