package dev.migrationledger.executor.scan;

import dev.migrationledger.ledger.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;

/**
 * A database adopted by plain Flyway: {@code baseline} at 1 over an existing table, V2, a repeatable view run
 * twice (its file changed between runs) and a non-transactional V3 that failed, which Flyway records as a
 * failed row. Flyway Community cannot undo ({@code undo} is a Teams feature), so the undo row is written with
 * the columns and values Flyway's own JdbcTableSchemaHistory writes for an UNDO_SQL migration.
 */
final class FlywayProject {

    final Path dir;
    final TestPostgres.Database db;

    FlywayProject(Path dir, TestPostgres.Database db) {
        this.dir = dir;
        this.db = db;
    }

    /** Plain Flyway with the session lock the common brief asks for (a transactional one would hold V3 open). */
    Flyway flyway() {
        FluentConfiguration config = Flyway.configure().dataSource(db.url(), db.user(), db.password())
                .locations("filesystem:" + dir.toAbsolutePath()).baselineVersion("1");
        config.getPluginRegister().getPlugin(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
        return config.load();
    }

    /** Baseline, V2, the repeatable twice; returns the state a first import sees. */
    void adopt() throws Exception {
        try (Connection c = db.connect()) {
            c.createStatement().execute("CREATE TABLE invoice (id int PRIMARY KEY, amount numeric)");
        }
        flyway().baseline();
        Files.writeString(dir.resolve("V2__add_note.sql"), "ALTER TABLE invoice ADD COLUMN note text;\n");
        Files.writeString(dir.resolve("R__big_invoices.sql"), "CREATE OR REPLACE VIEW big_invoices AS SELECT id FROM invoice;\n");
        flyway().migrate();
        Files.writeString(dir.resolve("R__big_invoices.sql"),
                "CREATE OR REPLACE VIEW big_invoices AS SELECT id FROM invoice WHERE amount > 100;\n");
        flyway().migrate();
    }

    /** A V3 that runs outside a transaction and fails: Flyway records it with success = false. */
    void failNonTransactional() throws Exception {
        Files.writeString(dir.resolve("V3__index_amount.sql"), "CREATE INDEX CONCURRENTLY invoice_amount ON no_such_table (amount);\n");
        try {
            flyway().migrate();
            throw new IllegalStateException("V3 was expected to fail");
        } catch (FlywayException expected) {
            // the failed row is what the test wants
        }
    }

    /** The row an UNDO_SQL migration of V2 leaves (Teams edition): U2__add_note.sql, ranked after the others. */
    void undoV2() throws Exception {
        try (Connection c = db.connect()) {
            c.createStatement().execute("ALTER TABLE invoice DROP COLUMN note");
            c.createStatement().execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type,"
                    + " script, checksum, installed_by, execution_time, success) SELECT max(installed_rank) + 1, '2',"
                    + " 'add note', 'UNDO_SQL', 'U2__add_note.sql', 1234567, current_user, 5, true FROM flyway_schema_history");
        }
    }
}
