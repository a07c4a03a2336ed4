package dev.migrationledger.service.receipts;

import dev.migrationledger.ledger.integrity.MerkleTree;
import dev.migrationledger.service.config.LedgerProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/**
 * Appends the leaf of one stored event to the log. It runs inside the log processor's transaction, the
 * one that also advances its token, so a leaf, its completed subtrees and the processor's position commit
 * together or not at all: a redelivered event finds its leaf and is skipped, and an event can never be
 * appended out of order or twice.
 */
@Component
public class LogAppender {

    /** pg_advisory_xact_lock key serializing appends across instances (a rebalanced segment may overlap). */
    static final long APPEND_LOCK = 7341002L;

    private final JdbcTemplate jdbc;
    private final LeafTable leaves;
    private final String origin;

    public LogAppender(JdbcTemplate jdbc, LeafTable leaves, LedgerProperties properties) {
        this.jdbc = jdbc;
        this.leaves = leaves;
        this.origin = properties.origin();
    }

    /** @return true when a leaf was appended, false when the event already has one */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean append(long globalIndex) {
        jdbc.queryForList("SELECT pg_advisory_xact_lock(?)", APPEND_LOCK);
        long lastGlobal = leaves.lastGlobalIndex();
        if (globalIndex <= lastGlobal) {
            if (!leaves.contains(globalIndex)) {
                // Skipping it would leave a hole nobody could ever prove; stop the processor instead.
                throw new IllegalStateException("event " + globalIndex + " arrived after event " + lastGlobal
                        + " was logged; the log is in global order and cannot take it");
            }
            return false;
        }
        List<StoredEvent> rows = jdbc.query("SELECT " + StoredEvent.COLUMNS + " FROM domain_event_entry WHERE global_index = ?",
                (rs, n) -> StoredEvent.read(rs), globalIndex);
        if (rows.isEmpty()) {
            throw new IllegalStateException("event " + globalIndex + " was delivered but is not in domain_event_entry");
        }
        long index = leaves.size();
        byte[] leaf = rows.get(0).leafFields(origin).encode();
        byte[] leafHash = MerkleTree.leafHash(leaf);
        leaves.insertLeaf(new LeafTable.Leaf(index, globalIndex, leaf, leafHash));
        storeCompletedSubtrees(index, leafHash);
        return true;
    }

    /**
     * Leaf {@code index} completes the perfect subtree of height h ending at it whenever index + 1 is a
     * multiple of 2^h; each is the node hash of two stored halves, so this costs O(1) amortized.
     */
    private void storeCompletedSubtrees(long index, byte[] leafHash) {
        byte[] right = leafHash;
        long end = index + 1;
        for (int level = 1; end % (1L << level) == 0; level++) {
            long start = end - (1L << level);
            byte[] left = level == 1 ? leaves.leafHash(start) : leaves.subtree(level - 1, start);
            byte[] hash = MerkleTree.nodeHash(left, right);
            leaves.insertSubtree(level, start, hash);
            right = hash;
        }
    }
}
