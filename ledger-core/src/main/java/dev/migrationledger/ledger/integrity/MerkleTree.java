package dev.migrationledger.ledger.integrity;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Merkle tree hashing and proof construction exactly as RFC 9162 §2.1 defines them:
 * {@code MTH({}) = SHA-256()}, leaf hash {@code SHA-256(0x00 || leaf)}, node hash
 * {@code SHA-256(0x01 || left || right)}, and a tree of n leaves splits at the largest power of two
 * smaller than n. Proofs are built from a {@link LeafHashSource} through perfect subtrees only.
 */
public final class MerkleTree {

    static final int HASH_SIZE = 32;

    private MerkleTree() {
    }

    /** Root of the empty tree: the hash of the empty string. */
    public static byte[] emptyRoot() {
        return sha256().digest();
    }

    public static byte[] leafHash(byte[] leaf) {
        MessageDigest digest = sha256();
        digest.update((byte) 0x00);
        return digest.digest(leaf);
    }

    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest digest = sha256();
        digest.update((byte) 0x01);
        digest.update(left);
        return digest.digest(right);
    }

    /** Root of a tree whose leaf hashes are given, in log order. */
    public static byte[] root(List<byte[]> leafHashes) {
        if (leafHashes.isEmpty()) {
            return emptyRoot();
        }
        return root(InMemoryLeafHashes.ofLeafHashes(leafHashes), leafHashes.size());
    }

    /** Root of the first {@code treeSize} leaves of the source. */
    public static byte[] root(LeafHashSource source, long treeSize) {
        requireWithin(source, treeSize);
        return treeSize == 0 ? emptyRoot() : rangeHash(source, 0, treeSize);
    }

    /** RFC 9162 §2.1.3.1 PATH(index, D[treeSize]), ordered from the leaf up. */
    public static InclusionProof inclusionProof(LeafHashSource source, long index, long treeSize) {
        requireWithin(source, treeSize);
        if (index < 0 || index >= treeSize) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of size " + treeSize);
        }
        List<byte[]> path = new ArrayList<>();
        path(source, index, 0, treeSize, path);
        return new InclusionProof(index, treeSize, path);
    }

    /** RFC 9162 §2.1.4.1 PROOF(m, D[n]); empty when m == n. */
    public static ConsistencyProof consistencyProof(LeafHashSource source, long m, long n) {
        requireWithin(source, n);
        if (m <= 0 || m > n) {
            throw new IllegalArgumentException("no consistency proof from size " + m + " to size " + n);
        }
        List<byte[]> proof = new ArrayList<>();
        subproof(source, m, 0, n, true, proof);
        return new ConsistencyProof(m, n, proof);
    }

    /**
     * MTH(D[start:end]) of a node of the tree. Its left child is always a perfect, aligned subtree, so the
     * recursion asks the source for at most log2(n) perfect subtrees and never for the leaves themselves.
     */
    public static byte[] rangeHash(LeafHashSource source, long start, long end) {
        long n = end - start;
        if (n <= 0) {
            throw new IllegalArgumentException("empty range [" + start + ", " + end + ")");
        }
        if (Long.bitCount(n) == 1) {
            return source.perfectSubtreeHash(start, Long.numberOfTrailingZeros(n));
        }
        long k = largestPowerOfTwoBelow(n);
        return nodeHash(source.perfectSubtreeHash(start, Long.numberOfTrailingZeros(k)), rangeHash(source, start + k, end));
    }

    private static void path(LeafHashSource source, long index, long start, long end, List<byte[]> out) {
        long n = end - start;
        if (n == 1) {
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (index - start < k) {
            path(source, index, start, start + k, out);
            out.add(rangeHash(source, start + k, end));
        } else {
            path(source, index, start + k, end, out);
            out.add(rangeHash(source, start, start + k));
        }
    }

    private static void subproof(LeafHashSource source, long m, long start, long end, boolean complete, List<byte[]> out) {
        long n = end - start;
        if (m == n) {
            if (!complete) {
                out.add(rangeHash(source, start, end));
            }
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(source, m, start, start + k, complete, out);
            out.add(rangeHash(source, start + k, end));
        } else {
            subproof(source, m - k, start + k, end, false, out);
            out.add(rangeHash(source, start, start + k));
        }
    }

    /** The largest power of two strictly smaller than n (n >= 2). */
    static long largestPowerOfTwoBelow(long n) {
        return Long.highestOneBit(n - 1);
    }

    private static void requireWithin(LeafHashSource source, long treeSize) {
        if (treeSize < 0 || treeSize > source.size()) {
            throw new IllegalArgumentException("tree size " + treeSize + " outside the log's " + source.size() + " leaves");
        }
    }

    static MessageDigest sha256() {
        return dev.migrationledger.ledger.domain.Checksum.sha256();
    }
}
