package dev.migrationledger.service.receipts;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The log's tables: {@code log_leaf} (one row per leaf, in log order) and {@code log_subtree} (the
 * perfect subtrees of height >= 1, written when their last leaf is appended). Leaves below the size of
 * any committed read are a prefix of the log, because one processor appends them in order.
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

    void insertLeaf(Leaf leaf) {
        jdbc.update("INSERT INTO log_leaf (leaf_index, global_index, leaf, leaf_hash) VALUES (?, ?, ?, ?)",
                leaf.leafIndex(), leaf.globalIndex(), leaf.leaf(), leaf.leafHash());
    }

    void insertSubtree(int level, long start, byte[] hash) {
        jdbc.update("INSERT INTO log_subtree (level, start_index, hash) VALUES (?, ?, ?)", level, start, hash);
    }
}
