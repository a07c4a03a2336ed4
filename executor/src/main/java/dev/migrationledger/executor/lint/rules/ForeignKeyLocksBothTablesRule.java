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
 * A foreign key locks the referenced table too (SHARE ROW EXCLUSIVE, even with NOT VALID): writes to
 * a busy parent table wait behind the migration.
 */
public final class ForeignKeyLocksBothTablesRule extends DescribedRule {

    public static final String ID = "ML019-foreign-key-locks-both-tables";

    public ForeignKeyLocksBothTablesRule() {
        super(ID, Severity.INFO,
                "a foreign key also locks the table it references, blocking its writes");
    }

    @Override
    public List<Finding> check(LintContext context) {
        List<Finding> findings = new ArrayList<>();
        for (AddConstraint add : context.facts(AddConstraint.class)) {
            String parent = add.constraint().references();
            if (add.constraint().kind() == ConstraintKind.FOREIGN_KEY && parent != null && context.existing(parent)
                    && context.existing(add.table())) {
                findings.add(note(context, add.line(), add.table(), parent));
            }
        }
        for (AddColumn add : context.facts(AddColumn.class)) {
            String parent = add.column().references();
            if (parent != null && context.existing(parent) && context.existing(add.table())) {
                findings.add(note(context, add.line(), add.table(), parent));
            }
        }
        return findings;
    }

    private Finding note(LintContext context, int line, String child, String parent) {
        return finding(context, line, "the foreign key from " + child + " takes SHARE ROW EXCLUSIVE on " + parent
                        + " as well: writes to both tables wait",
                "set lock_timeout first, add one foreign key per migration, and run it when " + parent + " is quiet");
    }
}
