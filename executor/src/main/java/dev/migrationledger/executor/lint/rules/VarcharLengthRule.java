package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.LintRule;
import dev.migrationledger.executor.lint.Severity;
import java.util.List;

/** Raising or lowering a varchar(n) limit is an ALTER COLUMN TYPE under ACCESS EXCLUSIVE; a CHECK can be swapped online. */
public final class VarcharLengthRule implements LintRule {

    public static final String ID = "ML040-varchar-length";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "declares a varchar(n) column (changing n later locks the table)";
    }

    @Override
    public List<String> squawk() {
        return List.of("prefer-text-field");
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
