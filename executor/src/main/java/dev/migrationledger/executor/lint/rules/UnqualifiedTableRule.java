package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.lint.DescribedRule;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.Severity;
import dev.migrationledger.executor.sql.DdlFact.TableNamed;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An unqualified table name lands wherever the session's search_path points. A note. */
public final class UnqualifiedTableRule extends DescribedRule {

    public static final String ID = "ML054-unqualified-table";

    public UnqualifiedTableRule() {
        super(ID, Severity.INFO,
                "names a table without its schema", "require-table-schema");
    }

    @Override
    public List<Finding> check(LintContext context) {
        Map<String, TableNamed> first = new LinkedHashMap<>();
        context.facts(TableNamed.class).stream().filter(t -> !t.qualified() && t.table() != null)
                .forEach(t -> first.putIfAbsent(t.table(), t));
        return first.values().stream()
                .map(t -> finding(context, t.line(), "names table " + t.table() + " without a schema: it resolves through search_path",
                        "write schema-qualified names (public." + t.table() + ")"))
                .toList();
    }
}
