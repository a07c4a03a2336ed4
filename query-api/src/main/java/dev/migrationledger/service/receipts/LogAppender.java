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

    /**
     * Appends the event stored under {@code eventId} as leaf {@code size()}, unless it already has a leaf.
     * The event is found by its identifier, not by the tracking token: an event that commits after a
     * higher global index (a gap Axon fills later) arrives with the token of that higher index.
     *
     * @return true when a leaf was appended, false when the event already had one
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean append(String eventId) {
        jdbc.queryForList("SELECT pg_advisory_xact_lock(?)", APPEND_LOCK);
        List<StoredEvent> rows = jdbc.query("SELECT " + StoredEvent.COLUMNS + " FROM domain_event_entry WHERE event_identifier = ?",
                (rs, n) -> StoredEvent.read(rs), eventId);
        if (rows.isEmpty()) {
            throw new IllegalStateException("event " + eventId + " was delivered but is not in domain_event_entry");
        }
        StoredEvent row = rows.get(0);
        if (leaves.contains(row.globalIndex())) {
            return false;
        }
        long index = leaves.size();
        byte[] leaf = row.leafFields(origin).encode();
        byte[] leafHash = MerkleTree.leafHash(leaf);
        leaves.insertLeaf(new LeafTable.Leaf(index, row.globalIndex(), leaf, leafHash));
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
