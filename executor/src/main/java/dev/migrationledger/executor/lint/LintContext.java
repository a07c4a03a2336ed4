package dev.migrationledger.executor.lint;

import dev.migrationledger.executor.flyway.MigrationScript;
import dev.migrationledger.executor.sql.DdlFact;
import dev.migrationledger.executor.sql.SqlStatement;
import dev.migrationledger.executor.lint.verify.Observation;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a rule sees of one migration: the script, its statements with the facts read from each, the
 * tables it finds existing and the PostgreSQL version it will run on.
 */
public final class LintContext {

    /** A statement and its facts. */
    public record Parsed(SqlStatement statement, List<DdlFact> facts) {
    }

    private final MigrationScript script;
    private final List<Parsed> statements;
    private final KnownTables tables;
    private final PgVersion pgVersion;
    private final Set<String> createdHere;
    private final Observation.Migration observed;

    public LintContext(MigrationScript script, List<Parsed> statements, KnownTables tables, PgVersion pgVersion) {
        this(script, statements, tables, pgVersion, null);
    }

    public LintContext(MigrationScript script, List<Parsed> statements, KnownTables tables, PgVersion pgVersion,
                       Observation.Migration observed) {
        this.script = script;
        this.observed = observed;
        this.statements = List.copyOf(statements);
        this.tables = tables;
        this.pgVersion = pgVersion;
        this.createdHere = KnownTables.createdIn(script, facts().toList());
    }

    public MigrationScript script() {
        return script;
    }

    public List<Parsed> statements() {
        return statements;
    }

    public Stream<DdlFact> facts() {
        return statements.stream().flatMap(p -> p.facts().stream());
    }

    public <T extends DdlFact> List<T> facts(Class<T> type) {
        return facts().filter(type::isInstance).map(type::cast).toList();
    }

    /** What PostgreSQL did when the migration ran in a scratch copy of the target ({@code --verify-on}). */
    public Optional<Observation.Migration> observed() {
        return Optional.ofNullable(observed);
    }

    public PgVersion pgVersion() {
        return pgVersion;
    }

    public KnownTables tables() {
        return tables;
    }

    /** Whether others may be using the table while this migration runs (see {@link KnownTables}). */
    public boolean existing(String table) {
        return tables.existsBefore(table, createdHere);
    }

    /** "existing table orders" or "existing table orders (created by V3__orders.sql)". */
    public String describe(String table) {
        return "existing table " + table + tables.creator(table).filter(f -> !f.equals(script.fileName()))
                .map(f -> " (created by " + f + ")").orElse("");
    }

    /** Flyway runs a script in one transaction unless all its statements must run outside one. */
    public boolean runsInTransaction() {
        return statements.stream().anyMatch(p -> Transactionality.of(p) == Transactionality.TRANSACTIONAL);
    }
}
