package dev.migrationledger.ledger.integrity;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * An RFC 9162 consistency proof that the tree of {@code secondSize} leaves extends the tree of
 * {@code firstSize} leaves, and its verifier following RFC 9162 §2.1.4.2 step by step. An auditor holding
 * an old checkpoint uses it to prove the log only grew.
 */
public record ConsistencyProof(long firstSize, long secondSize, List<byte[]> hashes) {

    public ConsistencyProof {
        hashes = List.copyOf(hashes);
    }

    public boolean verify(byte[] firstRoot, byte[] secondRoot) {
        return verify(firstSize, secondSize, hashes, firstRoot, secondRoot);
    }

    /**
     * RFC 9162 §2.1.4.2, with the cases the algorithm leaves implicit made explicit: the empty tree is
     * consistent with everything, so a proof from size 0 proves nothing and is rejected; equal sizes need
     * an empty proof and equal roots.
     */
    public static boolean verify(long first, long second, List<byte[]> proof, byte[] firstRoot, byte[] secondRoot) {
        if (proof == null || firstRoot == null || secondRoot == null || first <= 0 || first > second) {
            return false;
        }
        if (first == second) {
            return proof.isEmpty() && MessageDigest.isEqual(firstRoot, secondRoot);
        }
        if (proof.isEmpty()) {
            return false;
        }
        for (byte[] c : proof) {
            if (c == null || c.length != MerkleTree.HASH_SIZE) {
                return false;
            }
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(first) == 1) {
            path.add(0, firstRoot);
        }
        long fn = first - 1;
        long sn = second - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = MerkleTree.nodeHash(c, fr);
                sr = MerkleTree.nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = MerkleTree.nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(fr, firstRoot) && MessageDigest.isEqual(sr, secondRoot);
    }
}
