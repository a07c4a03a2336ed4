package dev.migrationledger.executor.sql;

import static dev.migrationledger.executor.sql.Names.ID;
import static dev.migrationledger.executor.sql.TokenAnalyzer.p;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One comma-separated action of an {@code ALTER TABLE}, read from blanked code. */
record AlterAction(String text, int offset) {

    private static final Pattern ADD_CONSTRAINT = p("ADD\\s+(?:CONSTRAINT|PRIMARY\\s+KEY|UNIQUE|FOREIGN\\s+KEY|CHECK|EXCLUDE)\\b");
    private static final Pattern ADD_COLUMN = p("ADD\\s+(?:COLUMN\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?(" + ID + ")\\s+(.*)");
    private static final Pattern DROP_CONSTRAINT = p("DROP\\s+CONSTRAINT\\b");
    private static final Pattern DROP_COLUMN = p("DROP\\s+(?:COLUMN\\s+)?(?:IF\\s+EXISTS\\s+)?(" + ID + ")");
    private static final Pattern ALTER_COLUMN = p("ALTER\\s+(?:COLUMN\\s+)?(" + ID + ")\\s+(.*)");
    private static final Pattern RENAME_TABLE = p("RENAME\\s+TO\\s+(" + ID + ")");
    private static final Pattern RENAME_COLUMN = p("RENAME\\s+(?:COLUMN\\s+)?(" + ID + ")\\s+TO\\s+(" + ID + ")");
    private static final Pattern NOT_NULL = p("\\bNOT\\s+NULL\\b|\\bPRIMARY\\s+KEY\\b");
    private static final Pattern HAS_DEFAULT = p("\\bDEFAULT\\b|\\bGENERATED\\b|^\\s*(?:SMALL|BIG)?SERIAL[248]?\\b");

    /** Splits the actions after {@code ALTER TABLE name} at top-level commas. */
    static List<AlterAction> split(String code, int from) {
        List<AlterAction> actions = new ArrayList<>();
        int depth = 0;
        int start = from;
        for (int i = from; i <= code.length(); i++) {
            char c = i < code.length() ? code.charAt(i) : ',';
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth <= 0) {
                String text = code.substring(start, i);
                int lead = text.length() - text.stripLeading().length();
                if (!text.isBlank()) {
                    actions.add(new AlterAction(text.strip(), start + lead));
                }
                start = i + 1;
            }
        }
        return actions;
    }

    SchemaChange toChange(String table, int line) {
        Matcher m;
        if (ADD_CONSTRAINT.matcher(text).lookingAt()) {
            return SchemaChange.of(ChangeKind.ADD_CONSTRAINT, table, line);
        }
        if ((m = ADD_COLUMN.matcher(text)).lookingAt()) {
            String definition = m.group(2);
            boolean strict = NOT_NULL.matcher(definition).find() && !HAS_DEFAULT.matcher(definition).find();
            return column(strict ? ChangeKind.ADD_COLUMN_NOT_NULL_WITHOUT_DEFAULT : ChangeKind.ADD_COLUMN,
                    table, m.group(1), null, line);
        }
        if (DROP_CONSTRAINT.matcher(text).lookingAt()) {
            return SchemaChange.of(ChangeKind.DROP_CONSTRAINT, table, line);
        }
        if ((m = DROP_COLUMN.matcher(text)).lookingAt()) {
            return column(ChangeKind.DROP_COLUMN, table, m.group(1), null, line);
        }
        if ((m = RENAME_TABLE.matcher(text)).lookingAt()) {
            return new SchemaChange(ChangeKind.RENAME_TABLE, table, null, Names.normalise(m.group(1)), line);
        }
        if (p("RENAME\\s+CONSTRAINT\\b").matcher(text).lookingAt()) {
            return SchemaChange.of(ChangeKind.RENAME_OTHER, table, line);
        }
        if ((m = RENAME_COLUMN.matcher(text)).lookingAt()) {
            return column(ChangeKind.RENAME_COLUMN, table, m.group(1), Names.normalise(m.group(2)), line);
        }
        if ((m = ALTER_COLUMN.matcher(text)).lookingAt()) {
            return column(alterColumnKind(m.group(2)), table, m.group(1), null, line);
        }
        return SchemaChange.of(ChangeKind.ALTER_OTHER, table, line);
    }

    private static ChangeKind alterColumnKind(String rest) {
        if (p("(?:SET\\s+DATA\\s+)?TYPE\\b").matcher(rest).lookingAt()) {
            return ChangeKind.ALTER_TYPE;
        }
        if (p("SET\\s+NOT\\s+NULL\\b").matcher(rest).lookingAt()) {
            return ChangeKind.SET_NOT_NULL;
        }
        if (p("DROP\\s+NOT\\s+NULL\\b").matcher(rest).lookingAt()) {
            return ChangeKind.DROP_NOT_NULL;
        }
        if (p("(?:SET|DROP)\\s+DEFAULT\\b").matcher(rest).lookingAt()) {
            return ChangeKind.ALTER_DEFAULT;
        }
        return ChangeKind.ALTER_OTHER;
    }

    private static SchemaChange column(ChangeKind kind, String table, String column, String target, int line) {
        return new SchemaChange(kind, table, Names.normalise(column), target, line);
    }
}
