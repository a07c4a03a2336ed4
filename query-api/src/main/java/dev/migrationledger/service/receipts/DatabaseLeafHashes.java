package dev.migrationledger.service.receipts;

import dev.migrationledger.ledger.integrity.LeafHashSource;
import dev.migrationledger.ledger.integrity.MerkleTree;

/**
 * The log's leaf hashes as {@link MerkleTree} reads them, from the leaf table, fixed at a size read once
 * so one proof sees one tree. Perfect subtrees come from {@code log_subtree}, so a root or a proof costs
 * O(log n) reads instead of reading every leaf.
 */
public final class DatabaseLeafHashes implements LeafHashSource {

    private final LeafTable table;
    private final long size;

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

    @Override
    public byte[] leafHash(long index) {
        return table.leafHash(index);
    }

    @Override
    public byte[] perfectSubtreeHash(long start, int height) {
        if (height == 0) {
            return leafHash(start);
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
