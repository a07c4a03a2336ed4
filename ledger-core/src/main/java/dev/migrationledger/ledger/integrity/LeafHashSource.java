package dev.migrationledger.ledger.integrity;

/**
 * The leaf hashes of an append-only RFC 9162 log, as the proof builder sees them.
 *
 * <p>{@link MerkleTree} asks only for hashes of <em>perfect</em> subtrees {@code [start, start + 2^height)}
 * with {@code start} a multiple of {@code 2^height}: every node of a left-balanced tree is such a subtree
 * or a chain of them, so a proof costs O(log n) calls. Those subtrees never change once their last leaf is
 * appended, which is why an implementation backed by a database may cache them forever.
 */
public interface LeafHashSource {

    /** Number of leaves currently in the log. */
    long size();

    /** {@code SHA-256(0x00 || leaf)} of the leaf at {@code index}. */
    byte[] leafHash(long index);

    /**
     * Hash of the perfect subtree {@code [start, start + 2^height)}. The default recomputes it from the
     * leaves, which costs {@code 2^height} reads: override it when subtrees can be cached or stored.
     */
    default byte[] perfectSubtreeHash(long start, int height) {
        if (height == 0) {
            return leafHash(start);
        }
        long half = 1L << (height - 1);
        return MerkleTree.nodeHash(perfectSubtreeHash(start, height - 1), perfectSubtreeHash(start + half, height - 1));
    }
}
