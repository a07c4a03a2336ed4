package dev.migrationledger.ledger.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class MerkleVectorsTest {

    @TestFactory
    Stream<DynamicTest> inclusionVectorsVerifyOrAreRejected() {
        List<MerkleTestVectors.Vector> vectors = MerkleTestVectors.load("inclusion");
        assertThat(vectors).hasSizeGreaterThan(50);
        return vectors.stream().map(v -> DynamicTest.dynamicTest(v.toString(), () -> {
            boolean verified = InclusionProof.verify(v.hash("leafHash"), v.number("leafIdx"), v.number("treeSize"), v.proof(), v.hash("root"));
            assertThat(verified).as(v.toString()).isEqualTo(!v.wantErr());
        }));
    }

    @TestFactory
    Stream<DynamicTest> consistencyVectorsVerifyOrAreRejected() {
        List<MerkleTestVectors.Vector> vectors = MerkleTestVectors.load("consistency");
        assertThat(vectors).hasSizeGreaterThan(50);
        return vectors.stream().map(v -> DynamicTest.dynamicTest(v.toString(), () -> {
            boolean verified = ConsistencyProof.verify(v.number("size1"), v.number("size2"), v.proof(), v.hash("root1"), v.hash("root2"));
            assertThat(verified).as(v.toString()).isEqualTo(!v.wantErr());
        }));
    }

    @Test
    void vectorSetHoldsBothHappyPathsAndMutations() {
        List<MerkleTestVectors.Vector> all = Stream.concat(MerkleTestVectors.load("inclusion").stream(),
                MerkleTestVectors.load("consistency").stream()).toList();
        assertThat(all).anyMatch(MerkleTestVectors.Vector::wantErr).anyMatch(v -> !v.wantErr());
    }

    @Test
    void builtProofsMatchTheHappyPathVectorsForTheEightLeafReferenceTree() {
        // The transparency-dev reference tree: leaves "", 0x00, 0x10, 0x2021, 0x3031, 0x40414243, ...
        List<byte[]> leaves = List.of(new byte[0], hex("00"), hex("10"), hex("2021"), hex("3031"),
                hex("40414243"), hex("5051525354555657"), hex("606162636465666768696a6b6c6d6e6f"));
        InMemoryLeafHashes tree = InMemoryLeafHashes.ofLeaves(leaves);
        for (MerkleTestVectors.Vector v : MerkleTestVectors.load("inclusion")) {
            if (!v.wantErr() && v.number("treeSize") <= 8 && v.json().get("desc").asText().equals("happy path")) {
                InclusionProof built = MerkleTree.inclusionProof(tree, v.number("leafIdx"), v.number("treeSize"));
                assertThat(built.hashes()).as(v.toString()).usingElementComparator(java.util.Arrays::compare).containsExactlyElementsOf(v.proof());
                assertThat(MerkleTree.root(tree, v.number("treeSize"))).isEqualTo(v.hash("root"));
            }
        }
        for (MerkleTestVectors.Vector v : MerkleTestVectors.load("consistency")) {
            if (!v.wantErr() && v.number("size2") <= 8 && v.number("size1") > 0 && v.json().get("desc").asText().equals("happy path")) {
                ConsistencyProof built = MerkleTree.consistencyProof(tree, v.number("size1"), v.number("size2"));
                assertThat(built.hashes()).as(v.toString()).usingElementComparator(java.util.Arrays::compare).containsExactlyElementsOf(v.proof());
            }
        }
    }

    private static byte[] hex(String hex) {
        return java.util.HexFormat.of().parseHex(hex);
    }
}
