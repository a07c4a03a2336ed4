package dev.migrationledger.ledger.integrity;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link LeafHashSource} held in memory, with every perfect subtree precomputed (about 2n hashes), so
 * that building any proof is O(log n). Used by tests and by the offline tools; the service backs the
 * interface with its leaf table instead.
 */
public final class InMemoryLeafHashes implements LeafHashSource {

    /** levels.get(h).get(i) is the hash of the perfect subtree [i * 2^h, (i + 1) * 2^h). */
    private final List<List<byte[]>> levels = new ArrayList<>();

    private InMemoryLeafHashes(List<byte[]> leafHashes) {
        List<byte[]> level = List.copyOf(leafHashes);
        levels.add(level);
        while (level.size() > 1) {
            List<byte[]> next = new ArrayList<>(level.size() / 2);
            for (int i = 0; i + 1 < level.size(); i += 2) {
                next.add(MerkleTree.nodeHash(level.get(i), level.get(i + 1)));
            }
            levels.add(next);
            level = next;
        }
    }

    /** A source over leaf hashes already computed as {@code SHA-256(0x00 || leaf)}. */
    public static InMemoryLeafHashes ofLeafHashes(List<byte[]> leafHashes) {
        return new InMemoryLeafHashes(leafHashes);
    }

    /** A source over raw leaf bytes (for this ledger: {@link LeafEncoding} output). */
    public static InMemoryLeafHashes ofLeaves(List<byte[]> leaves) {
        return new InMemoryLeafHashes(leaves.stream().map(MerkleTree::leafHash).toList());
    }

    @Override
    public long size() {
        return levels.get(0).size();
    }

    @Override
    public byte[] leafHash(long index) {
        return levels.get(0).get(Math.toIntExact(index)).clone();
    }

    @Override
    public byte[] perfectSubtreeHash(long start, int height) {
        if (height >= levels.size() || (start & ((1L << height) - 1)) != 0) {
            throw new IllegalArgumentException("no perfect subtree of height " + height + " starts at " + start);
        }
        return levels.get(height).get(Math.toIntExact(start >> height)).clone();
    }
}
