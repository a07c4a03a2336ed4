package dev.migrationledger.ledger.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a migration script, 64 lowercase hex characters. The script's bytes are decoded as
 * UTF-8, a leading BOM is dropped and CRLF becomes LF before hashing, so the same script checked out
 * on Windows and on Linux has one checksum.
 */
public record Checksum(String hex) {

    public Checksum {
        if (!isHex64(hex)) {
            throw new IllegalArgumentException("a checksum is 64 lowercase hexadecimal characters (SHA-256)");
        }
    }

    /** By hand: as a regular expression this was most of a receipt id's cost, and a compliance report makes one a row. */
    private static boolean isHex64(String text) {
        if (text == null || text.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = text.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    public static Checksum parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a checksum is required");
        }
        return new Checksum(text.strip().toLowerCase(java.util.Locale.ROOT));
    }

    public static Checksum ofScript(byte[] scriptBytes) {
        String text = normalize(new String(scriptBytes, StandardCharsets.UTF_8));
        return ofBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A script's text as it is hashed and stored: a leading BOM dropped, CRLF as LF. */
    public static String normalize(String text) {
        String t = !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
        return t.replace("\r\n", "\n");
    }

    public static Checksum ofBytes(byte[] bytes) {
        return new Checksum(HexFormat.of().formatHex(sha256(bytes)));
    }

    /**
     * One SHA-256 instance per thread, reset before each use: looking one up per hash showed in the
     * profiles of fact batches and receipt verification. Callers finish with it (digest()) before any other
     * hashing, so no use can interleave with another on the same thread.
     */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    });

    public static byte[] sha256(byte[] bytes) {
        return sha256().digest(bytes);
    }

    /** This thread's SHA-256, reset; use it up (digest()) before hashing anything else. */
    public static MessageDigest sha256() {
        MessageDigest digest = SHA_256.get();
        digest.reset();
        return digest;
    }

    @Override
    public String toString() {
        return hex;
    }
}
