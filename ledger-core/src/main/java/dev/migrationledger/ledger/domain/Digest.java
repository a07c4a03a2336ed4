package dev.migrationledger.ledger.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The SHA-256 of an idempotency fingerprint. The project keeps one per approval, backup, authorization and
 * fact ever recorded, so a snapshot holds 32 bytes each instead of the whole content they summarize; a
 * replay is recognized by equal digests. A rollback's digest is two (content without time, then with it),
 * so a replay that names no time is recognized by the first half.
 */
final class Digest {

    private final byte[] bytes;

    @JsonCreator
    Digest(byte[] bytes) {
        this.bytes = bytes.clone();
    }

    static Digest of(String text) {
        return new Digest(Checksum.sha256(text.getBytes(StandardCharsets.UTF_8)));
    }

    @JsonValue
    byte[] bytes() {
        return bytes.clone();
    }

    Digest then(Digest more) {
        byte[] both = Arrays.copyOf(bytes, bytes.length + more.bytes.length);
        System.arraycopy(more.bytes, 0, both, bytes.length, more.bytes.length);
        return new Digest(both);
    }

    boolean startsWith(Digest prefix) {
        return prefix.bytes.length <= bytes.length
                && Arrays.equals(bytes, 0, prefix.bytes.length, prefix.bytes, 0, prefix.bytes.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Digest d && Arrays.equals(bytes, d.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return java.util.HexFormat.of().formatHex(bytes);
    }
}
