package dev.migrationledger.executor.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.truncate.Truncate;
import net.sf.jsqlparser.statement.update.Update;

/**
 * The effects of a statement. JSqlParser reads the statements it models well (DML, DROP, TRUNCATE,
 * CREATE TABLE), where its syntax tree is more reliable than keywords (a WHERE in a sub-query, VALUES
 * versus SELECT). Everything else, and anything it fails to parse, goes to {@link TokenAnalyzer}.
 */
public final class StatementAnalyzer {

    /** Statements worth handing to JSqlParser; it has no model for the rest (ALTER actions, CONCURRENTLY, DO). */
    private static final Pattern PARSEABLE = TokenAnalyzer.p(
            "\\s*(?:INSERT|UPDATE|DELETE|TRUNCATE|DROP\\s+(?:TABLE|VIEW|INDEX|SCHEMA)\\b(?!\\s+CONCURRENTLY)"
                    + "|CREATE\\s+(?:TEMP\\w*\\s+|UNLOGGED\\s+)?TABLE)\\b");

    private StatementAnalyzer() {
    }

    public static List<SchemaChange> analyze(SqlStatement statement) {
        if (PARSEABLE.matcher(statement.code()).lookingAt()) {
            List<SchemaChange> parsed = fromSyntaxTree(statement);
            if (!parsed.isEmpty()) {
                return parsed;
            }
        }
        return TokenAnalyzer.analyze(statement);
    }

    public static List<SchemaChange> analyzeAll(List<SqlStatement> statements) {
        List<SchemaChange> changes = new ArrayList<>();
        statements.forEach(s -> changes.addAll(analyze(s)));
        return List.copyOf(changes);
    }

    private static List<SchemaChange> fromSyntaxTree(SqlStatement statement) {
        Statement tree;
        try {
            tree = CCJSqlParserUtil.parse(statement.text());
        } catch (JSQLParserException | RuntimeException e) {
            return List.of();
        }
        int line = statement.line();
        List<SchemaChange> changes = new ArrayList<>();
        if (tree instanceof Insert insert) {
            ChangeKind kind = insert.getSelect() instanceof net.sf.jsqlparser.statement.select.Values
                    ? ChangeKind.INSERT_VALUES : ChangeKind.INSERT_SELECT;
            changes.add(SchemaChange.of(kind, name(insert.getTable()), line));
        } else if (tree instanceof Update update) {
            changes.add(SchemaChange.of(ChangeKind.UPDATE, name(update.getTable()), line));
        } else if (tree instanceof Delete delete) {
            changes.add(SchemaChange.of(delete.getWhere() == null ? ChangeKind.DELETE_ALL : ChangeKind.DELETE,
                    name(delete.getTable()), line));
        } else if (tree instanceof Truncate truncate) {
            List<Table> tables = truncate.getTables() != null ? truncate.getTables() : List.of(truncate.getTable());
            tables.forEach(t -> changes.add(SchemaChange.of(ChangeKind.TRUNCATE, name(t), line)));
        } else if (tree instanceof Drop drop && drop.getName() != null && !statement.code().contains(",")) {
            // DROP TABLE a, b: keywords list every name, so only single-name drops are taken from the tree.
            changes.add(SchemaChange.of(dropKind(drop.getType()), name(drop.getName()), line));
        } else if (tree instanceof CreateTable create) {
            changes.add(SchemaChange.of(ChangeKind.CREATE_TABLE, name(create.getTable()), line));
        }
        // The syntax tree says nothing about settings read inside the statement; keywords do.
        if (!changes.isEmpty()) {
            TokenAnalyzer.analyze(statement).stream()
                    .filter(c -> c.kind() == ChangeKind.READ_SETTING)
                    .forEach(changes::add);
        }
        return changes;
    }

    private static ChangeKind dropKind(String type) {
        return switch (type == null ? "" : type.toUpperCase()) {
            case "TABLE" -> ChangeKind.DROP_TABLE;
            case "SCHEMA" -> ChangeKind.DROP_SCHEMA;
            case "INDEX" -> ChangeKind.DROP_INDEX;
            case "VIEW", "MATERIALIZED VIEW" -> ChangeKind.DROP_VIEW;
            default -> ChangeKind.DROP_OTHER;
        };
    }

    private static String name(Table table) {
        return table == null ? null : Names.normalise(table.getName());
    }
}
