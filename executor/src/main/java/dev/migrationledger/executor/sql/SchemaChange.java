package dev.migrationledger.executor.sql;

/**
 * One effect of a statement. Names are normalised the PostgreSQL way (unquoted folds to lower case,
 * schema qualifier dropped) so that a table created as {@code Public.Widgets} matches {@code widgets}.
 *
 * @param object the table, index, view or other object acted on (null when none)
 * @param column the column, for column-level changes (null otherwise)
 * @param target the new name of a rename, or the setting name of a session setting (null otherwise)
 * @param line   1-based line in the script
 */
public record SchemaChange(ChangeKind kind, String object, String column, String target, int line) {

    public static SchemaChange of(ChangeKind kind, String object, int line) {
        return new SchemaChange(kind, object, null, null, line);
    }
}
