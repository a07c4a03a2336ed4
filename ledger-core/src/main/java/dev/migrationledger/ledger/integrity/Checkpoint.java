package dev.migrationledger.ledger.integrity;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A C2SP {@code tlog-checkpoint} body: the log origin, the tree size in decimal and the base64 RFC 9162
 * root, one per line. It is what {@link SignedNote} signs; a signed checkpoint commits the log to every
 * leaf below its size.
 */
public record Checkpoint(String origin, long treeSize, byte[] rootHash) {

    private static final Pattern CANONICAL_DECIMAL = Pattern.compile("0|[1-9][0-9]{0,18}");

    public Checkpoint {
        if (origin == null || origin.isEmpty() || origin.chars().anyMatch(c -> c < 0x20)) {
            throw new IllegalArgumentException("a checkpoint origin is one non-empty line");
        }
        if (treeSize < 0) {
            throw new IllegalArgumentException("a tree size is never negative");
        }
        if (rootHash == null || rootHash.length != MerkleTree.HASH_SIZE) {
            throw new IllegalArgumentException("a root hash is 32 bytes");
        }
        rootHash = rootHash.clone();
    }

    public String body() {
        return origin + "\n" + treeSize + "\n" + CanonicalBase64.encode(rootHash) + "\n";
    }

    /**
     * Parses a body. C2SP allows extension lines after the root; this ledger never writes any, so a body
     * with more than three lines is refused rather than silently trusted.
     */
    public static Checkpoint parse(String body) {
        if (body == null || !body.endsWith("\n")) {
            throw new IllegalArgumentException("a checkpoint body ends with a newline");
        }
        String[] lines = body.substring(0, body.length() - 1).split("\n", -1);
        if (lines.length != 3) {
            throw new IllegalArgumentException("a checkpoint body has exactly three lines, found " + lines.length);
        }
        if (!CANONICAL_DECIMAL.matcher(lines[1]).matches()) {
            throw new IllegalArgumentException("tree size is not a canonical decimal: " + lines[1]);
        }
        return new Checkpoint(lines[0], Long.parseLong(lines[1]), CanonicalBase64.decode(lines[2]));
    }

    @Override
    public byte[] rootHash() {
        return rootHash.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Checkpoint that && origin.equals(that.origin) && treeSize == that.treeSize
                && Arrays.equals(rootHash, that.rootHash);
    }

    @Override
    public int hashCode() {
        return (origin.hashCode() * 31 + Long.hashCode(treeSize)) * 31 + Arrays.hashCode(rootHash);
    }

    @Override
    public String toString() {
        return "Checkpoint[" + origin + ", " + treeSize + ", " + HexFormat.of().formatHex(rootHash) + "]";
    }
}
