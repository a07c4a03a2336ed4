package dev.migrationledger.service.receipts;

import dev.migrationledger.ledger.integrity.CompactRange;
import dev.migrationledger.service.eventstore.StoredEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The log's tables: {@code log_leaf} (one row per leaf, in log order) and {@code log_subtree} (the
 * perfect subtrees of height >= 1, written when their last leaf is appended). Leaves below the size of
 * any committed read are a prefix of the log, because one processor appends them in order, a batch at a
 * time: {@link #write} stores a batch's leaves, subtrees, checkpoint and receipts in one statement.
 */
@Component
public class LeafTable {

    /** One leaf: its position, the event it commits to, its bytes (SPEC §6.1) and hash. */
    public record Leaf(long leafIndex, long globalIndex, byte[] leaf, byte[] leafHash) {
    }

    private final JdbcTemplate jdbc;

    public LeafTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long size() {
        Long last = jdbc.queryForObject("SELECT max(leaf_index) FROM log_leaf", Long.class);
        return last == null ? 0 : last + 1;
    }

    /** The global index of the newest leaf, or -1 for an empty log. */
    public long lastGlobalIndex() {
        Long last = jdbc.query("SELECT global_index FROM log_leaf ORDER BY leaf_index DESC LIMIT 1",
                rs -> rs.next() ? rs.getLong(1) : null);
        return last == null ? -1 : last;
    }

    public boolean contains(long globalIndex) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM log_leaf WHERE global_index = ?)", Boolean.class, globalIndex));
    }

    public Leaf byGlobalIndex(long globalIndex) {
        List<Leaf> leaves = jdbc.query("SELECT leaf_index, global_index, leaf, leaf_hash FROM log_leaf WHERE global_index = ?",
                (rs, n) -> new Leaf(rs.getLong(1), rs.getLong(2), rs.getBytes(3), rs.getBytes(4)), globalIndex);
        return leaves.isEmpty() ? null : leaves.get(0);
    }

    public byte[] leafHash(long leafIndex) {
        List<byte[]> hashes = jdbc.query("SELECT leaf_hash FROM log_leaf WHERE leaf_index = ?",
                (rs, n) -> rs.getBytes(1), leafIndex);
        if (hashes.isEmpty()) {
            throw new IllegalStateException("the log has no leaf " + leafIndex);
        }
        return hashes.get(0);
    }

    /** The stored perfect subtree hash, or null when it was never written. */
    public byte[] subtree(int level, long start) {
        List<byte[]> hashes = jdbc.query("SELECT hash FROM log_subtree WHERE level = ? AND start_index = ?",
                (rs, n) -> rs.getBytes(1), level, start);
        return hashes.isEmpty() ? null : hashes.get(0);
    }

    /**
     * The hashes of these perfect subtrees, each given as (height, start): height 0 from the leaves, the
     * others from the subtree table, in one statement. Absent ones are left out.
     */
    Map<List<Long>, byte[]> nodes(Collection<List<Long>> wanted) {
        Map<List<Long>, byte[]> found = new HashMap<>();
        if (wanted.isEmpty()) {
            return found;
        }
        Integer[] heights = wanted.stream().map(node -> node.get(0).intValue()).toArray(Integer[]::new);
        Long[] starts = wanted.stream().map(node -> node.get(1)).toArray(Long[]::new);
        jdbc.query(con -> {
            PreparedStatement statement = con.prepareStatement("SELECT w.level, w.start_index, "
                    + "CASE WHEN w.level = 0 THEN l.leaf_hash ELSE s.hash END "
                    + "FROM unnest(?::int[], ?::bigint[]) AS w (level, start_index) "
                    + "LEFT JOIN log_leaf l ON w.level = 0 AND l.leaf_index = w.start_index "
                    + "LEFT JOIN log_subtree s ON w.level > 0 AND s.level = w.level AND s.start_index = w.start_index");
            statement.setArray(1, array(con, "int", heights));
            statement.setArray(2, array(con, "bigint", starts));
            return statement;
        }, rs -> {
            byte[] hash = rs.getBytes(3);
            if (hash != null) {
                found.put(List.of((long) rs.getInt(1), rs.getLong(2)), hash);
            }
        });
        return found;
    }

    /** The logged leaves of these events, by global index; events without a leaf are absent. */
    public Map<Long, Leaf> byGlobalIndexes(List<Long> globalIndexes) {
        Map<Long, Leaf> found = new HashMap<>();
        if (globalIndexes.isEmpty()) {
            return found;
        }
        jdbc.query(con -> {
            PreparedStatement statement = con.prepareStatement(
                    "SELECT leaf_index, global_index, leaf, leaf_hash FROM log_leaf WHERE global_index = ANY(?)");
            statement.setArray(1, con.createArrayOf("bigint", globalIndexes.toArray(Long[]::new)));
            return statement;
        }, rs -> {
            found.put(rs.getLong(2), new Leaf(rs.getLong(1), rs.getLong(2), rs.getBytes(3), rs.getBytes(4)));
        });
        return found;
    }

    /**
     * The stored rows of these delivered events that have no leaf yet, in delivery order (one statement).
     * Found by identifier, not by tracking token: an event that commits after a higher global index (a gap
     * Axon fills later) arrives with the token of that higher index.
     */
    List<StoredEvent> unlogged(List<String> eventIds) {
        Map<String, StoredEvent> rows = new HashMap<>();
        Map<String, Boolean> logged = new HashMap<>();
        jdbc.query(con -> {
            PreparedStatement statement = con.prepareStatement("SELECT " + prefixed("e.") + ", EXISTS (SELECT 1 FROM log_leaf l "
                    + "WHERE l.global_index = e.global_index) FROM domain_event_entry e WHERE e.event_identifier = ANY(?)");
            statement.setArray(1, con.createArrayOf("varchar", eventIds.toArray(String[]::new)));
            return statement;
        }, rs -> {
            StoredEvent row = StoredEvent.read(rs);
            rows.put(row.eventId(), row);
            logged.put(row.eventId(), rs.getBoolean(10));
        });
        Map<String, StoredEvent> fresh = new LinkedHashMap<>();
        for (String id : eventIds) {
            StoredEvent row = rows.get(id);
            if (row == null) {
                throw new IllegalStateException("event " + id + " was delivered but is not in domain_event_entry");
            }
            if (!logged.get(id)) {
                fresh.putIfAbsent(id, row);
            }
        }
        return new ArrayList<>(fresh.values());
    }

    private static String prefixed(String alias) {
        return alias + StoredEvent.COLUMNS.replace(", ", ", " + alias);
    }

    /** A receipt row as {@link #write} stores it. */
    record ReceiptRow(String id, String project, String environment, String version, String executionId, byte[] body) {
    }

    /**
     * Stores one appended batch in a single statement: its leaves, the subtrees it completed, the checkpoint
     * of the new size and the receipts of its facts, so the log and its receipts never disagree.
     */
    void write(List<Leaf> batch, List<CompactRange.Node> completed, StoredCheckpoint checkpoint, List<ReceiptRow> receipts) {
        jdbc.update(con -> {
            PreparedStatement statement = con.prepareStatement("WITH leaves AS (INSERT INTO log_leaf (leaf_index, global_index, leaf, leaf_hash) "
                    + "SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::bytea[], ?::bytea[])), "
                    + "subtrees AS (INSERT INTO log_subtree (level, start_index, hash) SELECT * FROM unnest(?::int[], ?::bigint[], ?::bytea[])), "
                    + "receipts AS (INSERT INTO receipt (id, project, environment, version, execution_id, issued_at, body) "
                    + "SELECT r.id, r.project, r.environment, r.version, r.execution_id, ?, r.body "
                    + "FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::bytea[]) "
                    + "AS r (id, project, environment, version, execution_id, body) ON CONFLICT (id) DO NOTHING) "
                    + "INSERT INTO log_checkpoint (tree_size, root_hash, note, key_id, created_at) VALUES (?, ?, ?, ?, ?)");
            int p = 1;
            statement.setArray(p++, array(con, "bigint", batch.stream().map(Leaf::leafIndex).toArray(Long[]::new)));
            statement.setArray(p++, array(con, "bigint", batch.stream().map(Leaf::globalIndex).toArray(Long[]::new)));
            statement.setArray(p++, array(con, "bytea", batch.stream().map(Leaf::leaf).toArray(byte[][]::new)));
            statement.setArray(p++, array(con, "bytea", batch.stream().map(Leaf::leafHash).toArray(byte[][]::new)));
            statement.setArray(p++, array(con, "int", completed.stream().map(CompactRange.Node::height).toArray(Integer[]::new)));
            statement.setArray(p++, array(con, "bigint", completed.stream().map(CompactRange.Node::start).toArray(Long[]::new)));
            statement.setArray(p++, array(con, "bytea", completed.stream().map(CompactRange.Node::hash).toArray(byte[][]::new)));
            statement.setObject(p++, checkpoint.createdAt().atOffset(ZoneOffset.UTC));
            statement.setArray(p++, array(con, "varchar", receipts.stream().map(ReceiptRow::id).toArray(String[]::new)));
            statement.setArray(p++, array(con, "varchar", receipts.stream().map(ReceiptRow::project).toArray(String[]::new)));
            statement.setArray(p++, array(con, "varchar", receipts.stream().map(ReceiptRow::environment).toArray(String[]::new)));
            statement.setArray(p++, array(con, "varchar", receipts.stream().map(ReceiptRow::version).toArray(String[]::new)));
            statement.setArray(p++, array(con, "varchar", receipts.stream().map(ReceiptRow::executionId).toArray(String[]::new)));
            statement.setArray(p++, array(con, "bytea", receipts.stream().map(ReceiptRow::body).toArray(byte[][]::new)));
            statement.setLong(p++, checkpoint.treeSize());
            statement.setBytes(p++, checkpoint.rootHash());
            statement.setString(p++, checkpoint.note());
            statement.setString(p++, checkpoint.keyId());
            statement.setObject(p, checkpoint.createdAt().atOffset(ZoneOffset.UTC));
            return statement;
        });
    }

    private static Array array(Connection con, String type, Object[] values) throws SQLException {
        return con.createArrayOf(type, values);
    }
}
