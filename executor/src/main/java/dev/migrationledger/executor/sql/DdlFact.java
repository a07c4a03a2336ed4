package dev.migrationledger.executor.sql;

import java.util.List;

/**
 * What one top-level statement does, read from PostgreSQL's grammar ({@link DdlReader}). Names are
 * normalised the PostgreSQL way ({@link Names}); {@code line} is the 1-based line in the script.
 */
public sealed interface DdlFact {

    int line();

    /** A column definition, in {@code CREATE TABLE} or {@code ADD COLUMN}. */
    record Column(String table, String name, ColumnType type, Default defaultValue, boolean storedGenerated,
                  boolean identity, boolean notNull, boolean primaryKey, boolean unique, String references,
                  boolean check, int line) {

        public boolean hasDefault() {
            return defaultValue != null;
        }
    }

    /** A column default: its text (literals blanked) and what is known of its volatility. */
    record Default(String text, Volatility volatility) {
    }

    enum ConstraintKind { PRIMARY_KEY, UNIQUE, FOREIGN_KEY, CHECK, EXCLUDE }

    /** A table constraint; {@code usingIndex} for {@code … USING INDEX idx}. */
    record Constraint(ConstraintKind kind, String name, boolean notValid, boolean usingIndex, String references,
                      List<String> columns, int line) {
    }

    record CreateTable(String table, boolean qualified, boolean ifNotExists, List<Column> columns,
                       List<Constraint> constraints, int line) implements DdlFact {
    }

    record AddColumn(String table, boolean ifNotExists, Column column, int line) implements DdlFact {
    }

    record AddConstraint(String table, Constraint constraint, int line) implements DdlFact {
    }

    record ValidateConstraint(String table, String name, int line) implements DdlFact {
    }

    record AlterColumnType(String table, String column, ColumnType type, int line) implements DdlFact {
    }

    record ColumnNullability(String table, String column, boolean notNull, int line) implements DdlFact {
    }

    record CreateIndex(String table, String name, boolean unique, boolean concurrently, boolean ifNotExists,
                       int columns, int line) implements DdlFact {
    }

    record DropIndex(List<String> names, boolean concurrently, boolean ifExists, int line) implements DdlFact {
    }

    enum Dropped { TABLE, COLUMN, CONSTRAINT }

    /** {@code DROP TABLE}, {@code DROP COLUMN}, {@code DROP CONSTRAINT}; {@code table} is the table acted on. */
    record Drop(Dropped what, String table, String name, boolean ifExists, int line) implements DdlFact {
    }

    record Reindex(String target, boolean concurrently, int line) implements DdlFact {
    }

    record DetachPartition(String table, String partition, boolean concurrently, int line) implements DdlFact {
    }

    enum Renamed { TABLE, COLUMN, SCHEMA, ENUM_VALUE, OTHER }

    record Rename(Renamed what, String object, String from, String to, int line) implements DdlFact {
    }

    record DropDatabase(String name, int line) implements DdlFact {
    }

    record Truncate(List<String> tables, boolean cascade, int line) implements DdlFact {
    }

    enum Rewriter { VACUUM_FULL, CLUSTER }

    /** {@code VACUUM FULL} or {@code CLUSTER}: the table is rewritten under ACCESS EXCLUSIVE. */
    record TableRewrite(Rewriter how, String table, int line) implements DdlFact {
    }

    record DomainConstraint(String domain, boolean create, int line) implements DdlFact {
    }

    record EnumValueAdded(String type, boolean positioned, int line) implements DdlFact {
    }

    enum DataVerb { UPDATE, DELETE }

    record DataChange(DataVerb verb, String table, boolean where, List<String> repeatedColumns, int line)
            implements DdlFact {
    }

    enum TxVerb { BEGIN, COMMIT, ROLLBACK, SAVEPOINT, RELEASE, PREPARE }

    record Transaction(TxVerb verb, int line) implements DdlFact {
    }

    /** {@code SET [SESSION|LOCAL] name …}; {@code name} lower case. */
    record Setting(String name, int line) implements DdlFact {
    }

    /** A table named by DDL: {@code qualified} when written with its schema. */
    record TableNamed(String table, boolean qualified, int line) implements DdlFact {
    }

    /** An identifier the statement declares (a new table, column, index, constraint…), as PostgreSQL stores it. */
    record Declared(String name, int line) implements DdlFact {
    }
}
