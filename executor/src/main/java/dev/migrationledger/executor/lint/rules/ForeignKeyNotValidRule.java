package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.lint.DescribedRule;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.Severity;
import dev.migrationledger.executor.sql.DdlFact.AddColumn;
import dev.migrationledger.executor.sql.DdlFact.AddConstraint;
import dev.migrationledger.executor.sql.DdlFact.ConstraintKind;
import java.util.ArrayList;
import java.util.List;

/**
 * A foreign key added to an existing table is validated at once: every row is checked while writes
 * to both tables are blocked. {@code NOT VALID} skips the check; {@code VALIDATE CONSTRAINT} later
 * checks under a lock that lets writes through.
 */
public final class ForeignKeyNotValidRule extends DescribedRule {

    public static final String ID = "ML016-foreign-key-not-valid";

    public ForeignKeyNotValidRule() {
        super(ID, Severity.WARNING,
                "adds a foreign key to an existing table without NOT VALID (a full scan blocking writes on both tables)",
                "adding-foreign-key-constraint");
    }

    static final String ADVICE = "add it with NOT VALID, then ALTER TABLE … VALIDATE CONSTRAINT in a later migration "
            + "(not in the same transaction)";

    @Override
    public List<Finding> check(LintContext context) {
        List<Finding> findings = new ArrayList<>();
        for (AddConstraint add : context.facts(AddConstraint.class)) {
            if (add.constraint().kind() == ConstraintKind.FOREIGN_KEY && !add.constraint().notValid()
                    && context.existing(add.table())) {
                findings.add(finding(context, add.line(), "adds foreign key " + name(add) + "on " + context.describe(add.table())
                        + " referencing " + add.constraint().references() + " without NOT VALID", ADVICE));
            }
        }
        for (AddColumn add : context.facts(AddColumn.class)) {
            if (add.column().references() != null && context.existing(add.table())) {
                findings.add(finding(context, add.line(), "adds column " + add.table() + "." + add.column().name()
                        + " with a REFERENCES " + add.column().references() + " constraint, validated at once",
                        "add the column without REFERENCES, then ADD CONSTRAINT … FOREIGN KEY … NOT VALID, then "
                                + "VALIDATE CONSTRAINT in a later migration"));
            }
        }
        return findings;
    }

    private static String name(AddConstraint add) {
        return add.constraint().name() == null ? "" : add.constraint().name() + " ";
    }
}
