package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.lint.DescribedRule;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.Severity;
import dev.migrationledger.executor.sql.ChangeKind;
import dev.migrationledger.executor.sql.DdlFact.DataChange;
import dev.migrationledger.executor.sql.DdlFact.DataVerb;
import dev.migrationledger.executor.sql.SchemaChange;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * An UPDATE or DELETE of a whole existing table inside a schema migration runs in the DDL's
 * transaction: every row stays locked, and the DDL's locks stay held, until the last row is done.
 */
public final class UnbatchedBackfillRule extends DescribedRule {

    public static final String ID = "ML048-unbatched-backfill";

    public UnbatchedBackfillRule() {
        super(ID, Severity.WARNING,
                "updates or deletes every row of an existing table inside a schema migration");
    }

    private static final Set<ChangeKind> DATA = EnumSet.of(ChangeKind.INSERT_VALUES, ChangeKind.INSERT_SELECT,
            ChangeKind.UPDATE, ChangeKind.DELETE, ChangeKind.DELETE_ALL, ChangeKind.QUERY, ChangeKind.SESSION_SETTING,
            ChangeKind.READ_SETTING, ChangeKind.TRANSACTION_CONTROL, ChangeKind.GRANT_OR_COMMENT);

    @Override
    public List<Finding> check(LintContext context) {
        boolean changesSchema = context.script().changes().stream().map(SchemaChange::kind).anyMatch(k -> !DATA.contains(k));
        if (!changesSchema) {
            return List.of();
        }
        return context.facts(DataChange.class).stream()
                .filter(d -> !d.where() && context.existing(d.table()))
                .map(d -> finding(context, d.line(), (d.verb() == DataVerb.UPDATE ? "updates" : "deletes") + " every row of "
                                + context.describe(d.table()) + " in the transaction of a schema change",
                        "backfill in batches (WHERE id BETWEEN … AND …, committing each) from a data migration or job "
                                + "that runs outside the DDL's transaction"))
                .toList();
    }
}
