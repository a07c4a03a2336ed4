package dev.migrationledger.ledger.integrity;

import java.security.MessageDigest;
import java.util.List;

/**
 * An RFC 9162 inclusion proof (audit path) for one leaf in a tree of {@code treeSize} leaves, hashes
 * ordered from the leaf up, and its verifier following RFC 9162 §2.1.3.2 step by step.
 */
public record InclusionProof(long index, long treeSize, List<byte[]> hashes) {

    public InclusionProof {
        hashes = List.copyOf(hashes);
    }

    /** True when this proof leads from {@code leafHash} to {@code rootHash}. */
    public boolean verify(byte[] leafHash, byte[] rootHash) {
        return verify(leafHash, index, treeSize, hashes, rootHash);
    }

    /** RFC 9162 §2.1.3.2. Never throws on malformed input: anything that does not verify is false. */
    public static boolean verify(byte[] leafHash, long index, long treeSize, List<byte[]> proof, byte[] rootHash) {
        if (leafHash == null || leafHash.length != MerkleTree.HASH_SIZE || rootHash == null || proof == null
                || index < 0 || index >= treeSize) {
            return false;
        }
        long fn = index;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0 || p == null || p.length != MerkleTree.HASH_SIZE) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = MerkleTree.nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = MerkleTree.nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(r, rootHash);
    }
}
