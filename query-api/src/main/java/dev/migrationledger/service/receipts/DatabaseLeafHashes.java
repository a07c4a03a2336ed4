package dev.migrationledger.service.receipts;

import dev.migrationledger.ledger.integrity.LeafHashSource;
import dev.migrationledger.ledger.integrity.MerkleTree;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The log's leaf hashes as {@link MerkleTree} reads them, from the leaf table, fixed at a size read once
 * so one proof sees one tree. Perfect subtrees come from {@code log_subtree}, so a root or a proof costs
 * O(log n) reads instead of reading every leaf.
 */
public final class DatabaseLeafHashes implements LeafHashSource {

    private final LeafTable table;
    private final long size;
    /** Hashes read ahead by {@link #preload}, keyed like {@link LeafTable#nodes}; perfect subtrees never change. */
    private final Map<List<Long>, byte[]> loaded = new HashMap<>();

    public DatabaseLeafHashes(LeafTable table, long size) {
        this.table = table;
        this.size = size;
    }

    public static DatabaseLeafHashes current(LeafTable table) {
        return new DatabaseLeafHashes(table, table.size());
    }

    @Override
    public long size() {
        return size;
    }

    /**
     * Reads in one statement every perfect subtree (height 0: leaf) an inclusion proof of each of these
     * leaves in a tree of {@code treeSize} asks this source for, so issuing a batch of receipts costs one
     * read instead of one per proof node. Which nodes a proof needs depends on positions only.
     */
    public void preload(Collection<Long> leafIndexes, long treeSize) {
        Set<List<Long>> wanted = new HashSet<>();
        LeafHashSource recorder = new LeafHashSource() {
            @Override
            public long size() {
                return treeSize;
            }

            @Override
            public byte[] leafHash(long index) {
                return perfectSubtreeHash(index, 0);
            }

            @Override
            public byte[] perfectSubtreeHash(long start, int height) {
                if (start + (1L << height) <= size) {
                    wanted.add(List.of((long) height, start));
                }
                return new byte[32];
            }
        };
        for (long index : leafIndexes) {
            if (index < size) {
                MerkleTree.inclusionProof(recorder, index, treeSize);
            }
        }
        wanted.removeAll(loaded.keySet());
        loaded.putAll(table.nodes(wanted));
    }

    @Override
    public byte[] leafHash(long index) {
        byte[] known = loaded.get(List.of(0L, index));
        return known != null ? known.clone() : table.leafHash(index);
    }

    @Override
    public byte[] perfectSubtreeHash(long start, int height) {
        if (height == 0) {
            return leafHash(start);
        }
        byte[] known = loaded.get(List.of((long) height, start));
        if (known != null) {
            return known.clone();
        }
        byte[] stored = table.subtree(height, start);
        if (stored != null) {
            return stored;
        }
        // Only reachable for a subtree whose last leaf is beyond every append so far, which MerkleTree
        // never asks for; recomputing keeps a missing row from ever producing a wrong root.
        long half = 1L << (height - 1);
        return MerkleTree.nodeHash(perfectSubtreeHash(start, height - 1), perfectSubtreeHash(start + half, height - 1));
    }
}
