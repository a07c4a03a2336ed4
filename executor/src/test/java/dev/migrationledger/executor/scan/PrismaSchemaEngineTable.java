package dev.migrationledger.executor.scan;

import dev.migrationledger.ledger.testing.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import dev.migrationledger.ledger.domain.Checksum;

/**
 * {@code _prisma_migrations} written the way Prisma's schema engine writes it, because the Prisma CLI cannot
 * run here: its npm package installs, but it downloads its schema-engine binary from Prisma's own server at
 * install and run time, which this machine cannot reach. Table and statements follow prisma-engines'
 * {@code flavour/postgres.rs} (create_migrations_table) and {@code sql_migration_persistence.rs}
 * (record_migration_started, record_successful_step, record_failed_step, record_migration_finished,
 * mark_migration_rolled_back_by_id, mark_migration_applied); the checksum is the engine's: SHA-256 of the
 * script as read.
 */
final class PrismaSchemaEngineTable {

    private final TestPostgres.Database db;
    final Path migrations;

    PrismaSchemaEngineTable(TestPostgres.Database db, Path migrations) throws SQLException {
        this.db = db;
        this.migrations = migrations;
        sql("""
                CREATE TABLE _prisma_migrations (
                    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
                    checksum                VARCHAR(64) NOT NULL,
                    finished_at             TIMESTAMPTZ,
                    migration_name          VARCHAR(255) NOT NULL,
                    logs                    TEXT,
                    rolled_back_at          TIMESTAMPTZ,
                    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
                    applied_steps_count     INTEGER NOT NULL DEFAULT 0
                );""");
    }

    /** {@code migrate deploy} of one folder: the row, the script, a step, finished. Returns the row id. */
    String deploy(String name, String script) throws Exception {
        byte[] bytes = write(name, script);
        String id = started(name, bytes);
        try (Connection c = db.connect()) {
            c.createStatement().execute(script);
        }
        update("UPDATE _prisma_migrations SET applied_steps_count = applied_steps_count + 1 WHERE id = ?", id);
        finished(id);
        return id;
    }

    /** A deploy whose script fails: started, the error in logs, never finished (Prisma's P3009 state). */
    String fail(String name, String script, String error) throws Exception {
        String id = started(name, write(name, script));
        try (Connection c = db.connect(); PreparedStatement st = c.prepareStatement(
                "UPDATE _prisma_migrations SET logs = ? WHERE id = ?")) {
            st.setString(1, error);
            st.setString(2, id);
            st.executeUpdate();
        }
        return id;
    }

    /** {@code migrate resolve --rolled-back NAME}. */
    void resolveRolledBack(String id) throws SQLException {
        try (Connection c = db.connect(); PreparedStatement st = c.prepareStatement(
                "UPDATE _prisma_migrations SET rolled_back_at = ? WHERE id = ?")) {
            st.setTimestamp(1, Timestamp.from(Instant.now()));
            st.setString(2, id);
            st.executeUpdate();
        }
    }

    private byte[] write(String name, String script) throws Exception {
        Path folder = Files.createDirectories(migrations.resolve(name));
        byte[] bytes = script.getBytes(StandardCharsets.UTF_8);
        Files.write(folder.resolve("migration.sql"), bytes);
        return bytes;
    }

    private String started(String name, byte[] script) throws SQLException {
        String id = UUID.randomUUID().toString();
        try (Connection c = db.connect(); PreparedStatement st = c.prepareStatement(
                "INSERT INTO _prisma_migrations (id, checksum, started_at, migration_name) VALUES (?, ?, ?, ?)")) {
            st.setString(1, id);
            st.setString(2, HexFormat.of().formatHex(Checksum.sha256(script)));
            st.setTimestamp(3, Timestamp.from(Instant.now()));
            st.setString(4, name);
            st.executeUpdate();
        }
        return id;
    }

    private void finished(String id) throws SQLException {
        try (Connection c = db.connect(); PreparedStatement st = c.prepareStatement(
                "UPDATE _prisma_migrations SET finished_at = ? WHERE id = ?")) {
            st.setTimestamp(1, Timestamp.from(Instant.now()));
            st.setString(2, id);
            st.executeUpdate();
        }
    }

    private void update(String sql, String id) throws SQLException {
        try (Connection c = db.connect(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, id);
            st.executeUpdate();
        }
    }

    private void sql(String sql) throws SQLException {
        try (Connection c = db.connect()) {
            c.createStatement().execute(sql);
        }
    }
}
