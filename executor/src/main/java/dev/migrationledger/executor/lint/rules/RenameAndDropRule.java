package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.flyway.MigrationScript;
import dev.migrationledger.executor.lint.DescribedRule;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.Severity;
import dev.migrationledger.executor.sql.ChangeKind;
import dev.migrationledger.executor.sql.SchemaChange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * R7: renaming an object and dropping it (under its old or new name) in one script is expand and
 * contract in a single deploy; the running application loses the object with no release in between.
 */
public final class RenameAndDropRule extends DescribedRule {

    public static final String ID = "ML003-rename-and-drop";

    public RenameAndDropRule() {
        super(ID, Severity.ERROR,
                "renames an object and drops it in the same script (expand and contract in one deploy)");
    }

    @Override
    public List<Finding> check(LintContext context) {
        MigrationScript script = context.script();
        Map<String, SchemaChange> renamed = new HashMap<>();
        for (SchemaChange c : script.changes()) {
            switch (c.kind()) {
                case RENAME_TABLE, RENAME_OTHER -> {
                    renamed.put(c.object(), c);
                    renamed.put(c.target(), c);
                }
                case RENAME_COLUMN -> {
                    renamed.put(c.object() + "." + c.column(), c);
                    renamed.put(c.object() + "." + c.target(), c);
                }
                default -> { }
            }
        }
        List<Finding> findings = new ArrayList<>();
        for (SchemaChange c : script.changes()) {
            String key = switch (c.kind()) {
                case DROP_TABLE, DROP_VIEW, DROP_INDEX, DROP_OTHER -> c.object();
                case DROP_COLUMN -> c.object() + "." + c.column();
                default -> null;
            };
            SchemaChange rename = key == null ? null : renamed.get(key);
            if (rename != null && rename.line() <= c.line()) {
                findings.add(finding(Severity.ERROR, context, c.line(),
                        "drops " + key + ", renamed at line " + rename.line() + " of the same script",
                        "expand/contract (R7): ship the rename (expand) and the drop (contract, with expands=<version>) "
                                + "in separate migrations and separate deploys"));
            }
        }
        return findings;
    }
}
