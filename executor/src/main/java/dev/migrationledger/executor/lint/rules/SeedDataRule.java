package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.flyway.MigrationScript;
import dev.migrationledger.executor.lint.DescribedRule;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.Severity;
import dev.migrationledger.executor.sql.ChangeKind;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Literal rows inserted by a script that also changes the schema: seed or test data ends up in every
 * environment, production included, and is pinned forever by the script's checksum.
 * {@code INSERT … SELECT} is a backfill of existing data, not seed data, and is not reported.
 */
public final class SeedDataRule extends DescribedRule {

    public static final String ID = "ML008-seed-data";

    public SeedDataRule() {
        super(ID, Severity.WARNING,
                "inserts literal rows in a migration that also changes the schema");
    }

    private static final Set<ChangeKind> NOT_SCHEMA = EnumSet.of(ChangeKind.INSERT_VALUES, ChangeKind.INSERT_SELECT,
            ChangeKind.UPDATE, ChangeKind.DELETE, ChangeKind.DELETE_ALL, ChangeKind.QUERY,
            ChangeKind.SESSION_SETTING, ChangeKind.READ_SETTING, ChangeKind.TRANSACTION_CONTROL,
            ChangeKind.GRANT_OR_COMMENT, ChangeKind.TRUNCATE);

    @Override
    public List<Finding> check(LintContext context) {
        MigrationScript script = context.script();
        boolean changesSchema = script.changes().stream().anyMatch(c -> !NOT_SCHEMA.contains(c.kind()));
        if (!changesSchema) {
            return List.of();
        }
        return script.changes().stream()
                .filter(c -> c.kind() == ChangeKind.INSERT_VALUES)
                .map(c -> finding(Severity.WARNING, context, c.line(),
                        "inserts literal rows into " + c.object() + " in a schema migration",
                        "keep reference data in its own migration (or a repeatable R__ script) and test data out "
                                + "of the migration directory"))
                .toList();
    }
}
