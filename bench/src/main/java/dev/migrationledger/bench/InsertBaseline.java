package dev.migrationledger.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * What PostgreSQL alone does on this machine: rows shaped like {@code domain_event_entry} (same columns,
 * bytea payload and metadata of the sizes the ledger actually stored) into a plain table with only a
 * primary key, over JDBC. The ledger's ingest figures are divided by these.
 */
final class InsertBaseline {

    private static final String INSERT = "INSERT INTO bench_event (aggregate_identifier, sequence_number, type,"
            + " event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp)"
            + " VALUES (?, ?, 'ProjectAggregate', ?, ?, ?, NULL, 'dev.migrationledger.ledger.api.MigrationApplied', ?)";

    private final BenchPostgres.Database db;
    private final byte[] payload;
    private final byte[] metadata;

    InsertBaseline(BenchPostgres.Database db, int payloadBytes, int metadataBytes) throws SQLException {
        this.db = db;
        Random random = new Random(42);
        this.payload = new byte[payloadBytes];
        this.metadata = new byte[metadataBytes];
        random.nextBytes(payload);
        random.nextBytes(metadata);
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE bench_event (global_index BIGSERIAL PRIMARY KEY,"
                    + " aggregate_identifier VARCHAR(255) NOT NULL, sequence_number BIGINT NOT NULL, type VARCHAR(255),"
                    + " event_identifier VARCHAR(255) NOT NULL, meta_data BYTEA, payload BYTEA NOT NULL,"
                    + " payload_revision VARCHAR(255), payload_type VARCHAR(255) NOT NULL, time_stamp VARCHAR(255) NOT NULL)");
        }
    }

    /** One row per autocommitted INSERT, from {@code clients} connections. */
    ClosedLoop.Result insertCommit(int clients, Duration duration) throws Exception {
        List<Connection> connections = connections(clients, true);
        try {
            long[] sequence = new long[clients];
            return ClosedLoop.run(clients, duration, client -> {
                insert(connections.get(client), "c" + client, sequence[client]++, 1);
                return 1;
            });
        } finally {
            close(connections);
        }
    }

    /** Batches of {@code batchSize} rows (JDBC batch), one commit per batch, one connection. */
    ClosedLoop.Result batchInsert(int batchSize, Duration duration) throws Exception {
        List<Connection> connections = connections(1, false);
        try {
            long[] sequence = new long[1];
            return ClosedLoop.run(1, duration, client -> {
                Connection c = connections.get(0);
                insert(c, "batch", sequence[0], batchSize);
                sequence[0] += batchSize;
                c.commit();
                return batchSize;
            });
        } finally {
            close(connections);
        }
    }

    private void insert(Connection c, String aggregate, long firstSequence, int rows) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            for (int i = 0; i < rows; i++) {
                insert.setString(1, aggregate);
                insert.setLong(2, firstSequence + i);
                insert.setString(3, UUID.randomUUID().toString());
                insert.setBytes(4, metadata);
                insert.setBytes(5, payload);
                insert.setString(6, java.time.Instant.now().toString());
                if (rows == 1) {
                    insert.executeUpdate();
                } else {
                    insert.addBatch();
                }
            }
            if (rows > 1) {
                insert.executeBatch();
            }
        }
    }

    private List<Connection> connections(int count, boolean autoCommit) throws SQLException {
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Connection c = db.connect();
            c.setAutoCommit(autoCommit);
            connections.add(c);
        }
        return connections;
    }

    private static void close(List<Connection> connections) throws SQLException {
        for (Connection c : connections) {
            c.close();
        }
    }
}
