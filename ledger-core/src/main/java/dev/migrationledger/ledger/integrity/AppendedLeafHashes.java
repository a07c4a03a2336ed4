package dev.migrationledger.ledger.integrity;

import java.util.HashMap;
import java.util.Map;

/**
 * The tree right after a batch was appended, as proofs read it: every node the batch touched (its leaves,
 * the subtrees it completed and both borders) comes from memory, anything older from {@code stored}, which
 * only needs to hold the tree as it was before the batch (at least its first {@code before().size()} leaves). Receipts of the batch's facts are proven against
 * the new root without reading back what the batch just wrote.
 */
public final class AppendedLeafHashes implements LeafHashSource {

    private final LeafHashSource stored;
    private final long size;
    private final long firstNew;
    private final Map<Long, byte[]> known = new HashMap<>();

    public AppendedLeafHashes(CompactRange.Appended batch, LeafHashSource stored) {
        this.stored = stored;
        this.size = batch.after().size();
        this.firstNew = batch.before().size();
        batch.before().border().forEach(this::remember);
        batch.after().border().forEach(this::remember);
        batch.completed().forEach(this::remember);
        for (int i = 0; i < batch.leafHashes().size(); i++) {
            known.put(key(0, firstNew + i), batch.leafHashes().get(i));
        }
    }

    private void remember(CompactRange.Node node) {
        known.put(key(node.height(), node.start()), node.hash());
    }

    /** Heights fit in 6 bits; starts of a tree below 2^57 leaves fit in the rest. */
    private static long key(int height, long start) {
        return (start << 6) | height;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public byte[] leafHash(long index) {
        return perfectSubtreeHash(index, 0);
    }

    @Override
    public byte[] perfectSubtreeHash(long start, int height) {
        byte[] hash = known.get(key(height, start));
        if (hash != null) {
            return hash.clone();
        }
        if (start + (1L << height) > firstNew) {
            // Every perfect subtree that ends inside the batch was completed by it and is known.
            throw new IllegalArgumentException("no perfect subtree of height " + height + " starts at " + start
                    + " in a tree of " + size + " leaves");
        }
        return stored.perfectSubtreeHash(start, height);
    }
}
