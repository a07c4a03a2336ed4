package dev.migrationledger.ledger.integrity;

import java.util.Base64;

/**
 * Standard padded base64 (RFC 4648 §4) that accepts only the one canonical spelling of each byte string.
 * The JDK decoder ignores the unused low bits of the last character, so two different texts can decode to
 * the same bytes; a verifier that promises "one changed byte never verifies" must refuse the other spellings.
 */
public final class CanonicalBase64 {

    private CanonicalBase64() {
    }

    public static String encode(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** @throws IllegalArgumentException when the text is not the canonical encoding of some bytes */
    public static byte[] decode(String text) {
        if (text == null) {
            throw new IllegalArgumentException("base64 value is missing");
        }
        byte[] bytes = Base64.getDecoder().decode(text);
        if (!encode(bytes).equals(text)) {
            throw new IllegalArgumentException("base64 value is not in canonical form");
        }
        return bytes;
    }
}
