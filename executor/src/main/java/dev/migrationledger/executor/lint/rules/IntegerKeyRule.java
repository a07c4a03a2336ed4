package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.lint.DescribedRule;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.Severity;
import java.util.List;
import java.util.Set;

/** Keys outlive their first estimate; widening int to bigint later rewrites the table and every table that references it. */
public final class IntegerKeyRule extends DescribedRule {

    public static final String ID = "ML042-integer-key";

    public IntegerKeyRule() {
        super(ID, Severity.WARNING,
                "declares an int or smallint (or serial) primary or foreign key (prefer bigint)",
                "prefer-bigint-over-int", "prefer-bigint-over-smallint", "prefer-big-int");
    }

    @Override
    public List<Finding> check(LintContext context) {
        return DeclaredColumns.of(context).stream()
                .filter(c -> c.key() && Set.of("integer", "smallint", "serial", "smallserial").contains(c.type().name()))
                .map(c -> squawkName(finding(context, c.line(), "declares key column " + c.qualifiedName() + " as " + c.type().written() + ": 32-bit (or 16-bit) keys run out, and widening them later rewrites the table and every referencing one",
                        "use bigint (bigint GENERATED … AS IDENTITY for a generated key)"), c))
                .toList();
    }

    /** squawk has one rule per narrow type: name the one this column breaks. */
    private static Finding squawkName(Finding f, DeclaredColumns c) {
        boolean small = c.type().name().equals("smallint") || c.type().name().equals("smallserial");
        return new Finding(f.ruleId(), f.severity(), f.file(), f.line(), f.message(), f.advice(),
                small ? "prefer-bigint-over-smallint" : "prefer-bigint-over-int");
    }
}
