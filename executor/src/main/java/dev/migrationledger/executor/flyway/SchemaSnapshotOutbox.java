package dev.migrationledger.executor.flyway;

import dev.migrationledger.executor.schema.SchemaFingerprint;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Schema descriptions a run's facts refer to by fingerprint, kept in the target
 * ({@code migration_ledger.schema_snapshot}) until the ledger has been sent them. Stored before the fact
 * that names the fingerprint, so a fact re-sent by a later run finds its description here instead of
 * re-reading a catalog that may have moved on since.
 */
public final class SchemaSnapshotOutbox {

    private static final String TABLE = LedgerOutbox.SCHEMA + ".schema_snapshot";

    private final Connection connection;

    public SchemaSnapshotOutbox(Connection connection) {
        this.connection = connection;
    }

    public void ensureTable() throws SQLException {
        connection.createStatement().execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (fingerprint text PRIMARY KEY,"
                + " lines text[] NOT NULL, created_at timestamptz NOT NULL DEFAULT now(), sent_at timestamptz)");
    }

    public void save(SchemaFingerprint snapshot) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("INSERT INTO " + TABLE + " (fingerprint, lines)"
                + " VALUES (?, ?) ON CONFLICT (fingerprint) DO NOTHING")) {
            st.setString(1, snapshot.fingerprint());
            st.setArray(2, connection.createArrayOf("text", snapshot.lines().toArray()));
            st.executeUpdate();
        }
    }

    /** Descriptions not sent yet, oldest first. */
    public List<SchemaFingerprint> unsent() throws SQLException {
        List<SchemaFingerprint> unsent = new ArrayList<>();
        try (ResultSet rs = connection.createStatement().executeQuery("SELECT fingerprint, lines FROM " + TABLE
                + " WHERE sent_at IS NULL ORDER BY created_at, fingerprint")) {
            while (rs.next()) {
                Array lines = rs.getArray("lines");
                unsent.add(new SchemaFingerprint(Arrays.stream((Object[]) lines.getArray()).map(String::valueOf).toList(),
                        rs.getString("fingerprint")));
            }
        }
        return unsent;
    }

    public void markSent(String fingerprint) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("UPDATE " + TABLE + " SET sent_at = now() WHERE fingerprint = ?")) {
            st.setString(1, fingerprint);
            st.executeUpdate();
        }
    }
}
