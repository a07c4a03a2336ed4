package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.LintRule;
import dev.migrationledger.executor.lint.Severity;
import dev.migrationledger.executor.sql.DdlFact.TableNamed;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;

/** An unqualified table name lands wherever the session's search_path points. A note. */
public final class UnqualifiedTableRule implements LintRule {

    public static final String ID = "ML054-unqualified-table";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Severity severity() {
        return Severity.INFO;
    }

    @Override
    public String summary() {
        return "names a table without its schema";
    }

    @Override
    public List<String> squawk() {
        return List.of("require-table-schema");
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
