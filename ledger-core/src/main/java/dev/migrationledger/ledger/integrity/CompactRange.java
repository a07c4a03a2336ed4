package dev.migrationledger.ledger.integrity;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The right border of an RFC 9162 tree: one perfect subtree per set bit of its size, largest first (a
 * "compact range" in Trillian's terms). It is all an appender needs to keep in memory: appending a batch
 * of leaves touches only these nodes, names every perfect subtree the batch completes, and the new root
 * folds out of the new border in O(log n) hashes, with no read of the stored tree. Immutable, so a batch
 * that rolls back simply leaves the previous range in place.
 */
public final class CompactRange {

    /** The perfect subtree {@code [start, start + 2^height)} and its hash. */
    public record Node(int height, long start, byte[] hash) {
    }

    private static final CompactRange EMPTY = new CompactRange(0, List.of());

    private final long size;
    private final List<Node> border;

    private CompactRange(long size, List<Node> border) {
        this.size = size;
        this.border = border;
    }

    public static CompactRange empty() {
        return EMPTY;
    }

    /** The border of the first {@code size} leaves of a stored tree: log2(size) perfect-subtree reads. */
    public static CompactRange of(LeafHashSource tree, long size) {
        if (size < 0 || size > tree.size()) {
            throw new IllegalArgumentException("tree size " + size + " outside the log's " + tree.size() + " leaves");
        }
        List<Node> border = new ArrayList<>();
        long start = 0;
        for (int height = 63; height >= 0; height--) {
            if ((size & (1L << height)) != 0) {
                border.add(new Node(height, start, tree.perfectSubtreeHash(start, height)));
                start += 1L << height;
            }
        }
        return new CompactRange(size, List.copyOf(border));
    }

    public long size() {
        return size;
    }

    /** The border nodes, largest (leftmost) first. */
    public List<Node> border() {
        return border;
    }

    /** MTH of the whole range: the border folded from the right. */
    public byte[] root() {
        if (border.isEmpty()) {
            return MerkleTree.emptyRoot();
        }
        byte[] hash = border.get(border.size() - 1).hash();
        for (int i = border.size() - 2; i >= 0; i--) {
            hash = MerkleTree.nodeHash(border.get(i).hash(), hash);
        }
        return hash;
    }

    /** The range after appending {@code leafHashes}, and every perfect subtree of height >= 1 they completed. */
    public Appended append(List<byte[]> leafHashes) {
        List<Node> stack = new ArrayList<>(border);
        List<Node> completed = new ArrayList<>();
        long next = size;
        for (byte[] leafHash : leafHashes) {
            Node node = new Node(0, next++, leafHash);
            while (!stack.isEmpty() && stack.get(stack.size() - 1).height() == node.height()) {
                Node left = stack.remove(stack.size() - 1);
                node = new Node(node.height() + 1, left.start(), MerkleTree.nodeHash(left.hash(), node.hash()));
                completed.add(node);
            }
            stack.add(node);
        }
        return new Appended(this, new CompactRange(next, List.copyOf(stack)), List.copyOf(leafHashes),
                Collections.unmodifiableList(completed));
    }

    /**
     * One batch appended to a range: the range before and after, the batch's leaf hashes and the subtrees it
     * completed, in the order they were completed (so each one's halves come before it).
     */
    public record Appended(CompactRange before, CompactRange after, List<byte[]> leafHashes, List<Node> completed) {
    }
}
