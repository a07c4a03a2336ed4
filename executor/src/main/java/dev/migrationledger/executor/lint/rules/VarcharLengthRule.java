package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.lint.DescribedRule;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.Severity;
import java.util.List;

/** Raising or lowering a varchar(n) limit is an ALTER COLUMN TYPE under ACCESS EXCLUSIVE; a CHECK can be swapped online. */
public final class VarcharLengthRule extends DescribedRule {

    public static final String ID = "ML040-varchar-length";

    public VarcharLengthRule() {
        super(ID, Severity.WARNING,
                "declares a varchar(n) column (changing n later locks the table)", "prefer-text-field");
    }

    @Override
    public List<Finding> check(LintContext context) {
        return DeclaredColumns.of(context).stream()
                .filter(c -> c.type().name().equals("varchar") && c.type().hasLength())
                .map(c -> finding(context, c.line(), "declares " + c.qualifiedName() + " as " + c.type().written() + ": changing the limit later takes ACCESS EXCLUSIVE",
                        "use text with a CHECK (length(" + c.column() + ") <= n) constraint; a CHECK can be replaced NOT VALID, without a rewrite"))
                .toList();
    }
}
