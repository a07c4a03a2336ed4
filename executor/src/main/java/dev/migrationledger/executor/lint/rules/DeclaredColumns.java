package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.sql.ColumnType;
import dev.migrationledger.executor.sql.DdlFact.ConstraintKind;
import dev.migrationledger.executor.sql.DdlFact;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The columns a script declares a type for (CREATE TABLE, ADD COLUMN, ALTER COLUMN … TYPE), for the type rules. */
record DeclaredColumns(String table, String column, ColumnType type, boolean key, int line) {

    static List<DeclaredColumns> of(LintContext context) {
        Set<String> keys = new HashSet<>();
        for (DdlFact fact : context.facts().toList()) {
            if (fact instanceof DdlFact.CreateTable t) {
                t.constraints().stream().filter(DeclaredColumns::isKey)
                        .forEach(c -> c.columns().forEach(col -> keys.add(t.table() + "." + col)));
            } else if (fact instanceof DdlFact.AddConstraint a && isKey(a.constraint())) {
                a.constraint().columns().forEach(col -> keys.add(a.table() + "." + col));
            }
        }
        List<DeclaredColumns> columns = new ArrayList<>();
        for (DdlFact fact : context.facts().toList()) {
            if (fact instanceof DdlFact.CreateTable t) {
                t.columns().forEach(c -> columns.add(of(c, keys)));
            } else if (fact instanceof DdlFact.AddColumn a) {
                columns.add(of(a.column(), keys));
            } else if (fact instanceof DdlFact.AlterColumnType a) {
                columns.add(new DeclaredColumns(a.table(), a.column(), a.type(), keys.contains(a.table() + "." + a.column()),
                        a.line()));
            }
        }
        return columns;
    }

    private static DeclaredColumns of(DdlFact.Column c, Set<String> keys) {
        return new DeclaredColumns(c.table(), c.name(), c.type(),
                c.primaryKey() || c.references() != null || keys.contains(c.table() + "." + c.name()), c.line());
    }

    private static boolean isKey(DdlFact.Constraint c) {
        return c.kind() == ConstraintKind.PRIMARY_KEY || c.kind() == ConstraintKind.FOREIGN_KEY;
    }

    String qualifiedName() {
        return table + "." + column;
    }
}
