package dev.migrationledger.ledger.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MerkleTreePropertiesTest {

    private static final int MAX_LEAVES = 10_000;
    private static final List<byte[]> LEAVES = leaves(MAX_LEAVES);
    private static final InMemoryLeafHashes TREE = InMemoryLeafHashes.ofLeaves(LEAVES);

    @Test
    void rootMatchesTheRecursiveDefinitionForSmallTrees() {
        for (int n = 0; n <= 70; n++) {
            List<byte[]> hashes = LEAVES.subList(0, n).stream().map(MerkleTree::leafHash).toList();
            assertThat(MerkleTree.root(hashes)).as("n=%d", n).isEqualTo(referenceRoot(hashes));
            assertThat(MerkleTree.root(TREE, n)).as("n=%d", n).isEqualTo(referenceRoot(hashes));
        }
    }

    @Test
    void everyInclusionProofVerifiesInEveryTreeUpTo64Leaves() {
        for (int n = 1; n <= 64; n++) {
            byte[] root = MerkleTree.root(TREE, n);
            for (int i = 0; i < n; i++) {
                assertThat(MerkleTree.inclusionProof(TREE, i, n).verify(TREE.leafHash(i), root)).as("i=%d n=%d", i, n).isTrue();
            }
        }
    }

    @Test
    void sampledInclusionProofsVerifyInTreesUpTo10000Leaves() {
        Random random = new Random(9162);
        for (int round = 0; round < 2_000; round++) {
            long n = 1 + random.nextInt(MAX_LEAVES);
            long i = random.nextInt((int) n);
            InclusionProof proof = MerkleTree.inclusionProof(TREE, i, n);
            assertThat(proof.hashes().size()).isLessThanOrEqualTo(64 - Long.numberOfLeadingZeros(n - 1));
            assertThat(proof.verify(TREE.leafHash(i), MerkleTree.root(TREE, n))).as("i=%d n=%d", i, n).isTrue();
        }
    }

    @Test
    void everyConsistencyProofVerifiesBetweenAllSizesUpTo64() {
        for (int n = 1; n <= 64; n++) {
            byte[] second = MerkleTree.root(TREE, n);
            for (int m = 1; m <= n; m++) {
                ConsistencyProof proof = MerkleTree.consistencyProof(TREE, m, n);
                assertThat(proof.verify(MerkleTree.root(TREE, m), second)).as("m=%d n=%d", m, n).isTrue();
            }
        }
    }

    @Test
    void sampledConsistencyProofsVerifyBetweenSizesUpTo10000() {
        Random random = new Random(4);
        for (int round = 0; round < 2_000; round++) {
            long n = 1 + random.nextInt(MAX_LEAVES);
            long m = 1 + random.nextInt((int) n);
            ConsistencyProof proof = MerkleTree.consistencyProof(TREE, m, n);
            assertThat(proof.verify(MerkleTree.root(TREE, m), MerkleTree.root(TREE, n))).as("m=%d n=%d", m, n).isTrue();
        }
    }

    @Test
    void aFlippedBitInAnInclusionProofRootOrLeafFails() {
        Random random = new Random(17);
        for (int round = 0; round < 500; round++) {
            long n = 2 + random.nextInt(MAX_LEAVES - 1);
            long i = random.nextInt((int) n);
            InclusionProof proof = MerkleTree.inclusionProof(TREE, i, n);
            byte[] root = MerkleTree.root(TREE, n);
            byte[] leaf = TREE.leafHash(i);
            List<byte[]> hashes = new ArrayList<>(proof.hashes());
            int at = random.nextInt(hashes.size());
            hashes.set(at, flip(hashes.get(at), random));
            assertThat(InclusionProof.verify(leaf, i, n, hashes, root)).isFalse();
            assertThat(proof.verify(leaf, flip(root, random))).isFalse();
            assertThat(proof.verify(flip(leaf, random), root)).isFalse();
            assertThat(InclusionProof.verify(leaf, i ^ 1, n, proof.hashes(), root)).isFalse();
        }
    }

    @Test
    void aFlippedBitInAConsistencyProofOrEitherRootFails() {
        Random random = new Random(23);
        for (int round = 0; round < 500; round++) {
            long n = 2 + random.nextInt(MAX_LEAVES - 1);
            long m = 1 + random.nextInt((int) n - 1);
            ConsistencyProof proof = MerkleTree.consistencyProof(TREE, m, n);
            byte[] first = MerkleTree.root(TREE, m);
            byte[] second = MerkleTree.root(TREE, n);
            List<byte[]> hashes = new ArrayList<>(proof.hashes());
            int at = random.nextInt(hashes.size());
            hashes.set(at, flip(hashes.get(at), random));
            assertThat(ConsistencyProof.verify(m, n, hashes, first, second)).as("m=%d n=%d", m, n).isFalse();
            assertThat(proof.verify(flip(first, random), second)).isFalse();
            assertThat(proof.verify(first, flip(second, random))).isFalse();
        }
    }

    @Test
    void proofsAskOnlyForLogarithmicallyManyPerfectSubtrees() {
        AtomicLong requests = new AtomicLong();
        LeafHashSource counting = new LeafHashSource() {
            public long size() {
                return TREE.size();
            }

            public byte[] leafHash(long index) {
                throw new AssertionError("a proof must not read single leaves");
            }

            public byte[] perfectSubtreeHash(long start, int height) {
                requests.incrementAndGet();
                return TREE.perfectSubtreeHash(start, height);
            }
        };
        MerkleTree.inclusionProof(counting, 4_321, 9_999);
        assertThat(requests.get()).isLessThanOrEqualTo(14 * 14);
        requests.set(0);
        MerkleTree.consistencyProof(counting, 3_333, 9_999);
        assertThat(requests.get()).isLessThanOrEqualTo(14 * 14);
    }

    @Test
    void proofRequestsOutsideTheTreeAreRefused() {
        assertThatThrownBy(() -> MerkleTree.inclusionProof(TREE, 5, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleTree.consistencyProof(TREE, 0, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleTree.consistencyProof(TREE, 6, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleTree.root(TREE, MAX_LEAVES + 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void equalSizesHaveAnEmptyConsistencyProof() {
        ConsistencyProof proof = MerkleTree.consistencyProof(TREE, 77, 77);
        assertThat(proof.hashes()).isEmpty();
        assertThat(proof.verify(MerkleTree.root(TREE, 77), MerkleTree.root(TREE, 77))).isTrue();
    }

    @Test
    void theDefaultSubtreeRecursionAgreesWithThePrecomputedOne() {
        LeafHashSource leavesOnly = new LeafHashSource() {
            public long size() {
                return 300;
            }

            public byte[] leafHash(long index) {
                return TREE.leafHash(index);
            }
        };
        assertThat(MerkleTree.root(leavesOnly, 300)).isEqualTo(MerkleTree.root(TREE, 300));
    }

    /** RFC 9162 §2.1.1 written as directly as possible, to check the subtree-based implementation. */
    private static byte[] referenceRoot(List<byte[]> hashes) {
        if (hashes.isEmpty()) {
            return MerkleTree.emptyRoot();
        }
        if (hashes.size() == 1) {
            return hashes.get(0);
        }
        int k = Integer.highestOneBit(hashes.size() - 1);
        return MerkleTree.nodeHash(referenceRoot(hashes.subList(0, k)), referenceRoot(hashes.subList(k, hashes.size())));
    }

    private static byte[] flip(byte[] hash, Random random) {
        byte[] copy = hash.clone();
        copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
        return copy;
    }

    private static List<byte[]> leaves(int count) {
        List<byte[]> leaves = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            leaves.add(ByteBuffer.allocate(8).putLong(i * 2_654_435_761L).array());
        }
        return leaves;
    }
}
