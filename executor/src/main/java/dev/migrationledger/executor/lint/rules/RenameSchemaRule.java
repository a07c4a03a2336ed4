package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.lint.DescribedRule;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.Severity;
import dev.migrationledger.executor.sql.DdlFact.Rename;
import dev.migrationledger.executor.sql.DdlFact.Renamed;
import java.util.List;

/** Renaming a schema breaks every qualified name and search_path that uses it. */
public final class RenameSchemaRule extends DescribedRule {

    public static final String ID = "ML033-rename-schema";

    public RenameSchemaRule() {
        super(ID, Severity.ERROR,
                "renames a schema (every qualified name and search_path using it breaks)", "renaming-object");
    }

    @Override
    public List<Finding> check(LintContext context) {
        return context.facts(Rename.class).stream()
                .filter(r -> r.what() == Renamed.SCHEMA)
                .map(r -> finding(context, r.line(), "renames schema " + r.from() + " to " + r.to(),
                        "create the new schema, move objects (or create views) while code moves over, and drop the old "
                                + "schema in a later release"))
                .toList();
    }
}
