package dev.migrationledger.executor.sql;

import dev.migrationledger.executor.sql.DdlFact.AddColumn;
import dev.migrationledger.executor.sql.DdlFact.AddConstraint;
import dev.migrationledger.executor.sql.DdlFact.AlterColumnType;
import dev.migrationledger.executor.sql.DdlFact.Column;
import dev.migrationledger.executor.sql.DdlFact.ColumnNullability;
import dev.migrationledger.executor.sql.DdlFact.Constraint;
import dev.migrationledger.executor.sql.DdlFact.ConstraintKind;
import dev.migrationledger.executor.sql.DdlFact.CreateIndex;
import dev.migrationledger.executor.sql.DdlFact.CreateTable;
import dev.migrationledger.executor.sql.DdlFact.Declared;
import dev.migrationledger.executor.sql.DdlFact.Default;
import dev.migrationledger.executor.sql.DdlFact.DetachPartition;
import dev.migrationledger.executor.sql.DdlFact.DomainConstraint;
import dev.migrationledger.executor.sql.DdlFact.Drop;
import dev.migrationledger.executor.sql.DdlFact.DropDatabase;
import dev.migrationledger.executor.sql.DdlFact.DropIndex;
import dev.migrationledger.executor.sql.DdlFact.Dropped;
import dev.migrationledger.executor.sql.DdlFact.EnumValueAdded;
import dev.migrationledger.executor.sql.DdlFact.Reindex;
import dev.migrationledger.executor.sql.DdlFact.Rename;
import dev.migrationledger.executor.sql.DdlFact.Renamed;
import dev.migrationledger.executor.sql.DdlFact.Rewriter;
import dev.migrationledger.executor.sql.DdlFact.Setting;
import dev.migrationledger.executor.sql.DdlFact.TableNamed;
import dev.migrationledger.executor.sql.DdlFact.TableRewrite;
import dev.migrationledger.executor.sql.DdlFact.Transaction;
import dev.migrationledger.executor.sql.DdlFact.Truncate;
import dev.migrationledger.executor.sql.DdlFact.TxVerb;
import dev.migrationledger.executor.sql.DdlFact.ValidateConstraint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a statement's {@link DdlFact}s from PostgreSQL's grammar. A statement the grammar refuses
 * (a {@code DO} block, a function whose body it cannot skip) yields no facts: the linter never
 * guesses DDL from text it could not parse.
 */
public final class DdlReader {

    private final SqlStatement statement;
    private final List<DdlFact> facts = new ArrayList<>();

    private DdlReader(SqlStatement statement) {
        this.statement = statement;
    }

    /**
     * The statements any rule reads. Others (queries, INSERT, views, functions, grants) are not parsed:
     * PostgreSQL's full grammar is slow on large SELECTs, and nothing in them is DDL a rule judges.
     * UPDATE and DELETE go to JSqlParser ({@link DmlReader}), which reads their sub-queries fast.
     */
    private static final Pattern READ = Pattern.compile("\\s*(?:CREATE\\s+(?:(?:GLOBAL|LOCAL)\\s+)?(?:TEMP\\w*\\s+|UNLOGGED\\s+)?TABLE"
            + "|CREATE\\s+(?:UNIQUE\\s+)?INDEX|CREATE\\s+DOMAIN|ALTER\\s+(?:TABLE|TYPE|DOMAIN|SCHEMA|INDEX|VIEW|SEQUENCE|MATERIALIZED)"
            + "|DROP|TRUNCATE|REINDEX|VACUUM|CLUSTER|BEGIN|START|COMMIT|END|ROLLBACK|ABORT|SAVEPOINT|SET)\\b",
            Pattern.CASE_INSENSITIVE);

    public static List<DdlFact> read(SqlStatement statement) {
        if (!READ.matcher(statement.code()).lookingAt()) {
            return DmlReader.read(statement);
        }
        Optional<PgNode> tree = PgGrammar.parse(statement.code());
        if (tree.isEmpty()) {
            return List.of();
        }
        DdlReader reader = new DdlReader(statement);
        reader.statement(tree.get());
        reader.identifiers(tree.get());
        return List.copyOf(reader.facts);
    }

    public static List<DdlFact> readAll(List<SqlStatement> statements) {
        List<DdlFact> all = new ArrayList<>();
        statements.forEach(s -> all.addAll(read(s)));
        return List.copyOf(all);
    }

    private int line(PgNode node) {
        return statement.line() + node.line() - 1;
    }

    private void statement(PgNode s) {
        int line = line(s);
        switch (s.rule()) {
            case "createTable" -> createTable(s);
            case "alterTable" -> alterTable(s);
            case "createIndex" -> createIndex(s);
            case "dropIndex" -> facts.add(new DropIndex(names(s, "qualifiedName"), s.first("concurrentlyClause")
                    .map(c -> c.has("CONCURRENTLY")).orElse(s.ownHas("CONCURRENTLY")), s.first("ifExists").isPresent(), line));
            case "dropTable" -> {
                boolean ifExists = s.first("ifExists").isPresent();
                for (PgNode t : s.all("tableName")) {
                    facts.add(new Drop(Dropped.TABLE, name(t), null, ifExists, line));
                    facts.add(new TableNamed(name(t), qualified(t), line));
                }
            }
            case "truncateTable" -> {
                List<String> tables = names(s, "tableName");
                facts.add(new Truncate(tables, s.first("dropTableOpt").map(o -> o.has("CASCADE")).orElse(false), line));
            }
            case "reindex" -> facts.add(new Reindex(s.first("qualifiedName").map(DdlReader::name).orElse(null),
                    s.has("CONCURRENTLY"), line));
            case "vacuum" -> {
                if (s.has("FULL")) {
                    List<String> tables = names(s, "qualifiedName");
                    if (tables.isEmpty()) {
                        facts.add(new TableRewrite(Rewriter.VACUUM_FULL, null, line));
                    }
                    tables.forEach(t -> facts.add(new TableRewrite(Rewriter.VACUUM_FULL, t, line)));
                }
            }
            case "cluster" -> facts.add(new TableRewrite(Rewriter.CLUSTER,
                    s.first("tableName").or(() -> s.first("qualifiedName")).map(DdlReader::name).orElse(null), line));
            case "alterType" -> alterType(s, line);
            case "createDomain" -> {
                if (s.first("colConstraint").isPresent()) {
                    facts.add(new DomainConstraint(s.first("anyName").map(DdlReader::name).orElse(null), true, line));
                }
            }
            case "alterDomain" -> {
                if (s.has("ADD")) {
                    facts.add(new DomainConstraint(s.first("anyName").map(DdlReader::name).orElse(null), false, line));
                }
            }
            case "alterSchema" -> {
                if (s.has("RENAME", "TO")) {
                    List<PgNode> names = s.all("name");
                    facts.add(new Rename(Renamed.SCHEMA, name(names.get(0)), name(names.get(0)),
                            names.size() > 1 ? name(names.get(names.size() - 1)) : null, line));
                }
            }
            case "alterIndex", "alterView", "alterSequence", "alterMaterializedView" -> {
                if (s.has("RENAME", "TO")) {
                    facts.add(new Rename(Renamed.OTHER, s.first("qualifiedName").map(DdlReader::name).orElse(null),
                            null, null, line));
                }
            }
            case "dropDatabase" -> facts.add(new DropDatabase(s.first("name").map(DdlReader::name).orElse(null), line));
            case "beginTransaction", "startTransaction" -> facts.add(new Transaction(TxVerb.BEGIN, line));
            case "commit", "end", "commitPrepared" -> facts.add(new Transaction(TxVerb.COMMIT, line));
            case "rollback", "rollbackPrepared" -> facts.add(new Transaction(TxVerb.ROLLBACK, line));
            case "savepoint" -> facts.add(new Transaction(TxVerb.SAVEPOINT, line));
            case "set" -> s.first("varName").ifPresent(v -> facts.add(new Setting(Names.normalise(v.text()), line)));
            default -> { }
        }
    }

    private void createTable(PgNode s) {
        PgNode tableNode = s.child("tableName").orElse(null);
        if (tableNode == null) {
            return;
        }
        String table = name(tableNode);
        List<Column> columns = new ArrayList<>();
        List<Constraint> constraints = new ArrayList<>();
        s.first("createDefinitionClause").ifPresent(clause -> {
            for (PgNode definition : clause.all("createDefinition")) {
                definition.child("columnDefinition").ifPresent(c -> columns.add(column(table, c)));
                definition.child("tableConstraint").ifPresent(c -> constraints.add(constraint(c)));
            }
        });
        facts.add(new CreateTable(table, qualified(tableNode), s.child("ifNotExists").isPresent(), List.copyOf(columns),
                List.copyOf(constraints), line(s)));
        facts.add(new TableNamed(table, qualified(tableNode), line(s)));
    }

    private void alterTable(PgNode s) {
        PgNode tableNode = s.first("tableName").orElse(null);
        if (tableNode == null) {
            return;
        }
        String table = name(tableNode);
        facts.add(new TableNamed(table, qualified(tableNode), line(s)));
        PgNode definition = s.child("alterDefinitionClause").orElse(null);
        if (definition == null) {
            return;
        }
        for (PgNode action : definition.all("alterTableAction")) {
            alterTableAction(table, action);
        }
        definition.child("renameColumnSpecification").ifPresent(r -> {
            List<PgNode> columns = r.all("columnName");
            if (columns.size() == 2) {
                facts.add(new Rename(Renamed.COLUMN, table, name(columns.get(0)), name(columns.get(1)), line(r)));
            }
        });
        definition.child("renameTableSpecification").ifPresent(r -> facts.add(new Rename(Renamed.TABLE, table, table,
                r.first("identifier").map(DdlReader::name).orElse(null), line(r))));
        definition.child("partitionCmd").ifPresent(p -> {
            if (p.ownHas("DETACH")) {
                facts.add(new DetachPartition(table, p.first("qualifiedName").map(DdlReader::name).orElse(null),
                        p.ownHas("CONCURRENTLY"), line(p)));
            }
        });
    }

    private void alterTableAction(String table, PgNode action) {
        int line = line(action);
        PgNode spec = action.children().isEmpty() ? action : action.children().get(0);
        switch (spec.rule()) {
            case "addColumnSpecification" -> spec.first("columnDefinition").ifPresent(c -> {
                Column column = column(table, c);
                if (!spec.ownHas("COLUMN") && column.name().equals("constraint")) {
                    facts.add(new AddConstraint(table, misreadConstraint(column, spec), line));
                } else {
                    facts.add(new AddColumn(table, spec.child("ifNotExists").isPresent(), column, line));
                }
            });
            case "addConstraintSpecification" -> {
                Optional<PgNode> plain = spec.child("tableConstraint");
                Optional<PgNode> usingIndex = spec.child("tableConstraintUsingIndex");
                if (plain.isPresent()) {
                    facts.add(new AddConstraint(table, constraint(plain.get(), spec.has("NOT", "VALID")), line));
                } else if (usingIndex.isPresent()) {
                    PgNode u = usingIndex.get();
                    ConstraintKind kind = u.first("primaryKey").isPresent() ? ConstraintKind.PRIMARY_KEY : ConstraintKind.UNIQUE;
                    facts.add(new AddConstraint(table, new Constraint(kind,
                            u.first("constraintName").map(DdlReader::name).orElse(null), false, true, null, List.of(),
                            line), line));
                }
            }
            case "validateConstraintSpecification" -> facts.add(new ValidateConstraint(table,
                    spec.first("constraintName").map(DdlReader::name).orElse(null), line));
            case "modifyColumnSpecification" -> modifyColumn(table, spec, line);
            case "dropColumnSpecification" -> facts.add(new Drop(Dropped.COLUMN, table,
                    spec.first("columnName").map(DdlReader::name).orElse(null), spec.child("ifExists").isPresent(), line));
            case "dropConstraintSpecification" -> facts.add(new Drop(Dropped.CONSTRAINT, table,
                    spec.first("constraintName").map(DdlReader::name).orElse(null), spec.first("ifExists").isPresent(), line));
            default -> { }
        }
    }

    private void modifyColumn(String table, PgNode spec, int line) {
        String column = spec.first("columnName").map(DdlReader::name).orElse(null);
        List<String> own = spec.ownWords();
        Optional<PgNode> type = spec.child("dataType");
        if (type.isPresent() && own.contains("TYPE")) {
            facts.add(new AlterColumnType(table, column, ColumnType.of(type.get().text()), line));
        } else if (containsInOrder(own, "SET", "NOT", "NULL")) {
            facts.add(new ColumnNullability(table, column, true, line));
        } else if (containsInOrder(own, "DROP", "NOT", "NULL")) {
            facts.add(new ColumnNullability(table, column, false, line));
        }
    }

    private void createIndex(PgNode s) {
        String table = s.child("tableName").map(DdlReader::name).orElse(null);
        int columns = s.child("indexParams").map(p -> p.children().stream().filter(c -> c.is("indexElem")).count())
                .orElse(0L).intValue();
        facts.add(new CreateIndex(table, s.child("indexName").map(DdlReader::name).orElse(null),
                s.child("createIndexSpecification").map(c -> c.has("UNIQUE")).orElse(false),
                s.child("concurrentlyClause").map(c -> c.has("CONCURRENTLY")).orElse(false),
                s.child("ifNotExists").isPresent(), columns, line(s)));
        s.child("tableName").ifPresent(t -> facts.add(new TableNamed(table, qualified(t), line(s))));
    }

    private void alterType(PgNode s, int line) {
        String type = s.first("anyName").map(DdlReader::name).orElse(null);
        PgNode clauses = s.first("alterTypeClauses").orElse(s);
        List<String> words = clauses.ownWords();
        if (containsInOrder(words, "ADD", "VALUE")) {
            facts.add(new EnumValueAdded(type, words.contains("BEFORE") || words.contains("AFTER"), line));
        } else if (containsInOrder(words, "RENAME", "VALUE")) {
            facts.add(new Rename(Renamed.ENUM_VALUE, type, null, null, line));
        } else if (containsInOrder(words, "RENAME", "TO")) {
            facts.add(new Rename(Renamed.OTHER, type, type, null, line));
        }
    }

    private Column column(String table, PgNode definition) {
        String name = definition.first("columnName").map(DdlReader::name).orElse(null);
        ColumnType type = definition.child("dataType").map(t -> ColumnType.of(t.text())).orElse(ColumnType.of("unknown"));
        Default defaultValue = null;
        boolean stored = false;
        boolean identity = false;
        boolean notNull = false;
        boolean primaryKey = false;
        boolean unique = false;
        boolean check = false;
        String references = null;
        for (PgNode option : definition.all("columnConstraintOption")) {
            List<String> own = option.ownWords();
            if (own.contains("GENERATED") && own.contains("IDENTITY")) {
                identity = true;
            } else if (own.contains("GENERATED") && own.contains("STORED")) {
                stored = true;
            } else if (own.contains("DEFAULT")) {
                String text = option.first("defaultExpr").map(PgNode::text).orElse("");
                defaultValue = new Default(text, Volatility.of(text));
            } else if (option.child("primaryKey").isPresent()) {
                primaryKey = true;
                notNull = true;
            } else if (own.contains("UNIQUE")) {
                unique = true;
            } else if (own.contains("REFERENCES")) {
                references = option.first("tableName").map(DdlReader::name).orElse(null);
            } else if (own.contains("CHECK")) {
                check = true;
            } else if (containsInOrder(own, "NOT", "NULL")) {
                notNull = true;
            }
        }
        return new Column(table, name, type, defaultValue, stored, identity, notNull, primaryKey, unique, references,
                check, line(definition));
    }

    /**
     * {@code ADD CONSTRAINT c CHECK (…)} is also valid as the grammar's {@code ADD column type
     * column-constraint}, with a column named "constraint" of type "c" (PostgreSQL reserves the word; the
     * port does not), and the grammar picks that reading. Such a "column" is the constraint it spells.
     */
    private static Constraint misreadConstraint(Column column, PgNode spec) {
        ConstraintKind kind = column.primaryKey() ? ConstraintKind.PRIMARY_KEY : column.unique() ? ConstraintKind.UNIQUE
                : column.references() != null ? ConstraintKind.FOREIGN_KEY : ConstraintKind.CHECK;
        return new Constraint(kind, Names.normalise(column.type().written()), spec.has("NOT", "VALID"), false,
                column.references(), List.of(), column.line());
    }

    private Constraint constraint(PgNode tableConstraint) {
        return constraint(tableConstraint, tableConstraint.has("NOT", "VALID"));
    }

    private Constraint constraint(PgNode tableConstraint, boolean notValid) {
        String name = tableConstraint.first("constraintName").map(DdlReader::name).orElse(null);
        PgNode option = tableConstraint.first("tableConstraintOption").orElse(tableConstraint);
        List<String> own = option.ownWords();
        ConstraintKind kind;
        if (option.child("primaryKey").isPresent()) {
            kind = ConstraintKind.PRIMARY_KEY;
        } else if (own.contains("FOREIGN")) {
            kind = ConstraintKind.FOREIGN_KEY;
        } else if (own.contains("UNIQUE")) {
            kind = ConstraintKind.UNIQUE;
        } else if (own.contains("EXCLUDE")) {
            kind = ConstraintKind.EXCLUDE;
        } else {
            kind = ConstraintKind.CHECK;
        }
        String references = kind == ConstraintKind.FOREIGN_KEY
                ? option.first("tableName").map(DdlReader::name).orElse(null) : null;
        List<String> columns = option.first("columnNames").map(c -> c.all("columnName").stream().map(DdlReader::name)
                .toList()).orElse(List.of());
        return new Constraint(kind, name, notValid, false, references, columns, line(tableConstraint));
    }

    /** Every identifier of the statement, as PostgreSQL would store it (for the 63-byte limit). */
    private void identifiers(PgNode tree) {
        for (PgNode identifier : tree.all("identifier")) {
            facts.add(new Declared(Names.normalise(identifier.text()), line(identifier)));
        }
    }

    private static List<String> names(PgNode s, String rule) {
        return s.all(rule).stream().map(DdlReader::name).toList();
    }

    private static String name(PgNode node) {
        return Names.normalise(node.text());
    }

    private static boolean qualified(PgNode tableName) {
        return tableName.child("owner").isPresent() || Names.isQualified(tableName.text());
    }

    private static boolean containsInOrder(List<String> words, String... sequence) {
        int at = 0;
        for (String word : words) {
            if (at < sequence.length && word.equals(sequence[at])) {
                at++;
            }
        }
        return at == sequence.length;
    }
}
