package dev.migrationledger.ledger.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/**
 * The log appends a whole processor batch at once from an in-memory compact range. Whatever the batch
 * boundaries, it must write the same leaves and subtrees, reach the same roots, sign the same checkpoints
 * and issue the same receipts as appending one leaf at a time would.
 */
class BatchedAppendPropertiesTest {

    private static final String ORIGIN = ReceiptFixture.ORIGIN;

    @RepeatedTest(25)
    void batchesOfAnySizeWriteTheSameSubtreesAndRootsAsSingleAppends(RepetitionInfo repetition) {
        Random random = new Random(9162L * repetition.getCurrentRepetition());
        int total = 1 + random.nextInt(1500);
        List<byte[]> hashes = leafHashes(total, random.nextLong());

        List<CompactRange.Node> singleCompleted = new ArrayList<>();
        List<byte[]> singleRoots = new ArrayList<>();
        CompactRange single = CompactRange.empty();
        for (byte[] hash : hashes) {
            CompactRange.Appended appended = single.append(List.of(hash));
            singleCompleted.addAll(appended.completed());
            single = appended.after();
            singleRoots.add(single.root());
        }

        InMemoryLeafHashes whole = InMemoryLeafHashes.ofLeafHashes(hashes);
        List<CompactRange.Node> batchedCompleted = new ArrayList<>();
        CompactRange batched = CompactRange.empty();
        while (batched.size() < total) {
            int from = Math.toIntExact(batched.size());
            int to = Math.min(total, from + 1 + random.nextInt(random.nextBoolean() ? 8 : 300));
            CompactRange.Appended appended = batched.append(hashes.subList(from, to));
            batchedCompleted.addAll(appended.completed());
            batched = appended.after();

            byte[] root = batched.root();
            assertThat(root).as("root at %d", to).isEqualTo(singleRoots.get(to - 1)).isEqualTo(MerkleTree.root(whole, to));
            assertThat(checkpoint(to, root)).isEqualTo(checkpoint(to, MerkleTree.root(whole, to)));

            LeafHashSource tree = new AppendedLeafHashes(appended, onlyFirst(hashes, from));
            for (int sample = 0; sample < 12; sample++) {
                long index = random.nextInt(to);
                assertThat(MerkleTree.inclusionProof(tree, index, to).hashes())
                        .as("inclusion of %d in %d", index, to)
                        .containsExactlyElementsOf(MerkleTree.inclusionProof(whole, index, to).hashes());
            }
            if (from > 0) {
                assertThat(MerkleTree.consistencyProof(tree, from, to).hashes())
                        .containsExactlyElementsOf(MerkleTree.consistencyProof(whole, from, to).hashes());
            }
        }
        assertThat(batchedCompleted).usingElementComparator(BatchedAppendPropertiesTest::compareNodes)
                .containsExactlyElementsOf(singleCompleted);
        for (CompactRange.Node node : batchedCompleted) {
            assertThat(node.hash()).isEqualTo(whole.perfectSubtreeHash(node.start(), node.height()));
        }
        assertThat(CompactRange.of(whole, total).border()).usingElementComparator(BatchedAppendPropertiesTest::compareNodes)
                .containsExactlyElementsOf(batched.border());
    }

    @Test
    void aReceiptIssuedFromTheBatchTreeIsTheSameFileAsOneFromTheWholeLog() {
        ReceiptFixture fixture = new ReceiptFixture();
        List<byte[]> hashes = fixture.leaves.stream().map(MerkleTree::leafHash).toList();
        byte[] expected = fixture.receipt().toJson();
        for (int split = 0; split < hashes.size(); split++) {
            CompactRange before = CompactRange.empty().append(hashes.subList(0, split)).after();
            CompactRange.Appended last = before.append(hashes.subList(split, hashes.size()));
            SignedNote checkpoint = SignedNote.sign(new Checkpoint(ORIGIN, last.after().size(), last.after().root()).body(),
                    ReceiptFixture.KEY);
            Receipt receipt = new ReceiptIssuer(ReceiptFixture.KEY).issue(ReceiptFixture.SCRIPT_NAME, fixture.predicate,
                    fixture.receiptEvents, new AppendedLeafHashes(last, onlyFirst(hashes, split)), checkpoint);
            assertThat(receipt.toJson()).as("batch starting at %d", split).isEqualTo(expected);
        }
    }

    @Test
    void theBatchTreeNeverAsksTheStoreForWhatTheBatchWrote() {
        List<byte[]> hashes = leafHashes(100, 7);
        CompactRange.Appended appended = CompactRange.empty().append(hashes.subList(0, 37)).after().append(hashes.subList(37, 100));
        LeafHashSource tree = new AppendedLeafHashes(appended, onlyFirst(hashes, 37));
        for (int i = 0; i < 100; i++) {
            assertThat(MerkleTree.inclusionProof(tree, i, 100).verify(hashes.get(i), appended.after().root())).isTrue();
        }
        assertThatThrownBy(() -> tree.perfectSubtreeHash(96, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String checkpoint(long size, byte[] root) {
        return SignedNote.sign(new Checkpoint(ORIGIN, size, root).body(), ReceiptFixture.KEY).serialize();
    }

    /** The store as it was before a batch: asking it for anything at or past {@code size} fails the test. */
    private static LeafHashSource onlyFirst(List<byte[]> hashes, int size) {
        InMemoryLeafHashes prefix = InMemoryLeafHashes.ofLeafHashes(hashes.subList(0, size));
        return new LeafHashSource() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public byte[] leafHash(long index) {
                return prefix.leafHash(index);
            }

            @Override
            public byte[] perfectSubtreeHash(long start, int height) {
                return prefix.perfectSubtreeHash(start, height);
            }
        };
    }

    private static int compareNodes(CompactRange.Node a, CompactRange.Node b) {
        int byPosition = a.height() != b.height() ? Integer.compare(a.height(), b.height()) : Long.compare(a.start(), b.start());
        return byPosition != 0 ? byPosition : java.util.Arrays.compare(a.hash(), b.hash());
    }

    private static List<byte[]> leafHashes(int count, long seed) {
        List<byte[]> hashes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            hashes.add(MerkleTree.leafHash(ByteBuffer.allocate(16).putLong(seed).putLong(i).array()));
        }
        return hashes;
    }
}
