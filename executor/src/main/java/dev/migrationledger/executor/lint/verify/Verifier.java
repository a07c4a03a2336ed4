package dev.migrationledger.executor.lint.verify;

import dev.migrationledger.executor.flyway.FlywayEngine;
import dev.migrationledger.executor.flyway.MigrationDirectory;
import dev.migrationledger.executor.flyway.MigrationScript;
import dev.migrationledger.executor.flyway.TargetDatabase;
import dev.migrationledger.executor.lint.PgVersion;
import dev.migrationledger.executor.lint.Transactionality;
import dev.migrationledger.executor.sql.DdlReader;
import dev.migrationledger.executor.sql.SqlStatement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code ledger lint --verify-on}: builds a scratch database on the target's server with the schema the
 * target has (its applied migrations replayed by Flyway), runs each new migration there the way Flyway
 * would (one transaction unless every statement must run outside one), observes each statement, and
 * drops the scratch database. The target itself is only read. The scratch database has the schema but
 * none of the data, so durations are lower bounds; lock modes and rewrites do not depend on row counts.
 */
public final class Verifier {

    /** The observation and what it tells the static rules. */
    public record Verification(Observation observation, Set<String> targetTables, PgVersion serverVersion) {
    }

    private Verifier() {
    }

    public static Verification verify(MigrationDirectory directory, TargetDatabase target) throws SQLException {
        try (Connection c = target.connect()) {
            TargetState state = TargetState.read(c);
            List<MigrationScript> applied = directory.scripts().stream()
                    .filter(s -> state.appliedKeys().contains(s.version().key())).toList();
            List<MigrationScript> fresh = directory.scripts().stream()
                    .filter(s -> !state.appliedKeys().contains(s.version().key())).toList();
            List<Observation.Migration> observed = new ArrayList<>();
            String scratchName;
            try (ScratchDatabase scratch = ScratchDatabase.create(c, target.url(), target.user(), target.password())) {
                scratchName = scratch.name();
                replay(applied, directory.root(), new TargetDatabase(scratch.url(), target.user(), target.password()));
                try (Connection applier = scratch.connect(); Connection observer = scratch.connect()) {
                    for (MigrationScript script : fresh) {
                        Observation.Migration migration = run(script, applier, observer);
                        observed.add(migration);
                        if (migration.error() != null) {
                            break;
                        }
                    }
                }
            }
            Observation observation = new Observation(describe(target.url()), state.serverVersion(), scratchName,
                    applied.stream().map(MigrationScript::fileName).toList(), observed);
            return new Verification(observation, state.tables(),
                    PgVersion.parse(Integer.toString(state.serverVersionNum())));
        }
    }

    /** Flyway applies the target's applied migrations to the scratch database, from a copy holding only them. */
    private static void replay(List<MigrationScript> applied, Path root, TargetDatabase scratch) throws SQLException {
        if (applied.isEmpty()) {
            return;
        }
        Path copy = null;
        try {
            copy = Files.createTempDirectory("ledger-verify");
            for (MigrationScript script : applied) {
                Path file = copy.resolve(script.fileName());
                Files.createDirectories(file.getParent());
                Files.copy(root.resolve(script.fileName()), file);
            }
            FlywayEngine.configure(scratch, MigrationDirectory.read(copy)).load().migrate();
        } catch (IOException e) {
            throw new SQLException("could not copy the applied migrations for the scratch database: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new SQLException("replaying the applied migrations into the scratch database failed: " + e.getMessage(), e);
        } finally {
            deleteQuietly(copy);
        }
    }

    private static Observation.Migration run(MigrationScript script, Connection applier, Connection observer)
            throws SQLException {
        List<SqlStatement> statements = script.statements();
        boolean inTransaction = statements.stream()
                .anyMatch(s -> Transactionality.of(s, DdlReader.read(s)) == Transactionality.TRANSACTIONAL);
        applier.setAutoCommit(!inTransaction);
        StatementObserver watch = new StatementObserver(applier, observer);
        List<Observation.Statement> results = new ArrayList<>();
        long start = System.nanoTime();
        String error = null;
        for (SqlStatement statement : statements) {
            Observation.Statement result = watch.run(statement.line(), statement.text(), inTransaction);
            results.add(result);
            if (result.error() != null) {
                error = "line " + statement.line() + ": " + result.error();
                break;
            }
        }
        if (inTransaction) {
            if (error == null) {
                applier.commit();
            } else {
                applier.rollback();
            }
        }
        watch.transactionEnded();
        applier.setAutoCommit(true);
        return new Observation.Migration(script.fileName(), inTransaction, (System.nanoTime() - start) / 1_000_000,
                results, error);
    }

    /** host:port/database, never the user or password a URL may carry. */
    public static String describe(String url) {
        String rest = url.replaceFirst("^jdbc:postgresql://", "");
        int query = rest.indexOf('?');
        return query < 0 ? rest : rest.substring(0, query);
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary copy of scripts that are in the repository anyway
        }
    }
}
