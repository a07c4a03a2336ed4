package dev.migrationledger.executor.sql;

import static dev.migrationledger.executor.sql.Names.ID;
import static dev.migrationledger.executor.sql.Names.QNAME;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a statement's effects from its keywords. It only ever looks at {@link SqlStatement#code()},
 * where comments, literals and dollar-quoted bodies are blanked, which is what makes keyword matching
 * safe. Used for the PostgreSQL syntax JSqlParser does not model (ALTER TABLE actions, CREATE INDEX
 * CONCURRENTLY, DO blocks, CREATE FUNCTION) and whenever JSqlParser cannot parse a statement.
 */
final class TokenAnalyzer {

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    private static final Pattern CREATE_TABLE = p("\\s*CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:(?:GLOBAL|LOCAL)\\s+)?"
            + "(?:TEMP\\s+|TEMPORARY\\s+|UNLOGGED\\s+)?TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(" + QNAME + ")");
    private static final Pattern CREATE_INDEX = p("\\s*CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+(CONCURRENTLY\\s+)?"
            + "(?:IF\\s+NOT\\s+EXISTS\\s+)?(?:" + QNAME + "\\s+)?ON\\s+(?:ONLY\\s+)?(" + QNAME + ")");
    private static final Pattern CREATE = p("\\s*CREATE\\b");
    private static final Pattern ALTER_TABLE = p("\\s*ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?("
            + QNAME + ")\\s*\\*?\\s+");
    private static final Pattern ALTER_RENAME = p("\\s*ALTER\\s+(?:MATERIALIZED\\s+VIEW|VIEW|INDEX|SEQUENCE|TYPE)\\s+"
            + "(?:IF\\s+EXISTS\\s+)?(" + QNAME + ")\\s+RENAME\\s+TO\\s+(" + ID + ")");
    private static final Pattern DROP = p("\\s*DROP\\s+(MATERIALIZED\\s+VIEW|FOREIGN\\s+TABLE|[A-Z]+)\\s+"
            + "(?:CONCURRENTLY\\s+)?(?:IF\\s+EXISTS\\s+)?(" + QNAME + "(?:\\s*,\\s*" + QNAME + ")*)");
    private static final Pattern TRUNCATE = p("\\s*TRUNCATE\\s+(?:TABLE\\s+)?(?:ONLY\\s+)?(" + QNAME
            + "(?:\\s*,\\s*(?:ONLY\\s+)?" + QNAME + ")*)");
    private static final Pattern DELETE = p("\\bDELETE\\s+FROM\\s+(?:ONLY\\s+)?(" + QNAME + ")");
    private static final Pattern UPDATE = p("\\bUPDATE\\s+(?:ONLY\\s+)?(" + QNAME + ")(?:\\s+(?:AS\\s+)?" + ID + ")?\\s+SET\\b");
    private static final Pattern INSERT = p("\\bINSERT\\s+INTO\\s+(" + QNAME + ")");
    private static final Pattern VALUES = p("\\)?\\s*VALUES\\s*\\(");
    private static final Pattern WHERE = p("\\bWHERE\\b");
    private static final Pattern SET = p("\\s*(?:SET|RESET)\\s+(?:SESSION\\s+|LOCAL\\s+)?(" + ID + "(?:\\s*\\.\\s*" + ID + ")?)");
    private static final Pattern READ_SETTING = p("\\b(current_setting|set_config)\\s*\\(");
    private static final Pattern DO_BLOCK = p("\\s*DO\\b");
    private static final Pattern GRANT_OR_COMMENT = p("\\s*(?:GRANT|REVOKE|COMMENT\\s+ON|ANALYZE|VACUUM)\\b");
    private static final Pattern TRANSACTION = p("\\s*(?:BEGIN|COMMIT|START\\s+TRANSACTION|END|ROLLBACK)\\b");
    private static final Pattern QUERY = p("\\s*(?:SELECT|WITH|VALUES|SHOW|EXPLAIN)\\b");

    private TokenAnalyzer() {
    }

    static List<SchemaChange> analyze(SqlStatement statement) {
        String code = statement.code();
        List<SchemaChange> changes = new ArrayList<>();
        int line = statement.line();
        Matcher m;
        if ((m = CREATE_TABLE.matcher(code)).lookingAt()) {
            changes.add(SchemaChange.of(ChangeKind.CREATE_TABLE, Names.normalise(m.group(1)), line));
        } else if ((m = CREATE_INDEX.matcher(code)).lookingAt()) {
            ChangeKind kind = m.group(1) != null ? ChangeKind.CREATE_INDEX_CONCURRENTLY : ChangeKind.CREATE_INDEX;
            changes.add(SchemaChange.of(kind, Names.normalise(m.group(2)), line));
        } else if (CREATE.matcher(code).lookingAt()) {
            changes.add(SchemaChange.of(ChangeKind.CREATE_OTHER, null, line));
        } else if ((m = ALTER_TABLE.matcher(code)).lookingAt()) {
            String table = Names.normalise(m.group(1));
            for (AlterAction action : AlterAction.split(code, m.end())) {
                changes.add(action.toChange(table, statement.lineAt(action.offset())));
            }
        } else if ((m = ALTER_RENAME.matcher(code)).lookingAt()) {
            changes.add(new SchemaChange(ChangeKind.RENAME_OTHER, Names.normalise(m.group(1)), null,
                    Names.normalise(m.group(2)), line));
        } else if ((m = DROP.matcher(code)).lookingAt()) {
            ChangeKind kind = dropKind(m.group(1));
            for (String name : m.group(2).split(",")) {
                changes.add(SchemaChange.of(kind, Names.normalise(name), line));
            }
        } else if ((m = TRUNCATE.matcher(code)).lookingAt()) {
            for (String name : m.group(1).split(",")) {
                changes.add(SchemaChange.of(ChangeKind.TRUNCATE, Names.normalise(name.replaceFirst("(?i)^\\s*ONLY\\s+", "")), line));
            }
        } else if (DO_BLOCK.matcher(code).lookingAt()) {
            changes.add(SchemaChange.of(ChangeKind.OPAQUE_BLOCK, null, line));
        } else if ((m = SET.matcher(code)).lookingAt() && !code.strip().toUpperCase().startsWith("SET CONSTRAINTS")) {
            changes.add(new SchemaChange(ChangeKind.SESSION_SETTING, null, null, Names.normalise(m.group(1)), line));
        } else if (GRANT_OR_COMMENT.matcher(code).lookingAt()) {
            changes.add(SchemaChange.of(ChangeKind.GRANT_OR_COMMENT, null, line));
        } else if (TRANSACTION.matcher(code).lookingAt()) {
            changes.add(SchemaChange.of(ChangeKind.TRANSACTION_CONTROL, null, line));
        } else {
            addDataChanges(statement, changes);
        }
        Matcher setting = READ_SETTING.matcher(code);
        while (setting.find()) {
            changes.add(new SchemaChange(ChangeKind.READ_SETTING, null, null, setting.group(1).toLowerCase(),
                    statement.lineAt(setting.start())));
        }
        return changes;
    }

    /** DML, possibly behind a WITH clause: {@code WITH x AS (…) INSERT INTO t SELECT …}. */
    private static void addDataChanges(SqlStatement statement, List<SchemaChange> changes) {
        String code = statement.code();
        Matcher m;
        boolean where = WHERE.matcher(code).find();
        if ((m = DELETE.matcher(code)).find()) {
            changes.add(SchemaChange.of(where ? ChangeKind.DELETE : ChangeKind.DELETE_ALL,
                    Names.normalise(m.group(1)), statement.lineAt(m.start())));
        } else if ((m = UPDATE.matcher(code)).find()) {
            changes.add(SchemaChange.of(ChangeKind.UPDATE, Names.normalise(m.group(1)), statement.lineAt(m.start())));
        } else if ((m = INSERT.matcher(code)).find()) {
            boolean values = VALUES.matcher(code).region(m.end(), code.length()).find()
                    && !p("\\bSELECT\\b").matcher(code).find();
            changes.add(SchemaChange.of(values ? ChangeKind.INSERT_VALUES : ChangeKind.INSERT_SELECT,
                    Names.normalise(m.group(1)), statement.lineAt(m.start())));
        } else if (QUERY.matcher(code).lookingAt()) {
            changes.add(SchemaChange.of(ChangeKind.QUERY, null, statement.line()));
        } else {
            changes.add(SchemaChange.of(ChangeKind.UNRECOGNISED, null, statement.line()));
        }
    }

    private static ChangeKind dropKind(String objectType) {
        return switch (objectType.toUpperCase().replaceAll("\\s+", " ")) {
            case "TABLE", "FOREIGN TABLE" -> ChangeKind.DROP_TABLE;
            case "SCHEMA", "DATABASE" -> ChangeKind.DROP_SCHEMA;
            case "INDEX" -> ChangeKind.DROP_INDEX;
            case "VIEW", "MATERIALIZED VIEW" -> ChangeKind.DROP_VIEW;
            default -> ChangeKind.DROP_OTHER;
        };
    }

    static Pattern p(String regex) {
        return Pattern.compile(regex, FLAGS);
    }
}
