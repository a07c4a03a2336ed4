package dev.migrationledger.ledger.integrity;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A C2SP signed note: a text ending in a newline, a blank line, then one line per signature
 * {@code — <key name> <base64(4-byte key id || signature)>}. The parser is as strict as the Go reference
 * ({@code golang.org/x/mod/sumdb/note}): it splits at the last blank line, refuses control characters,
 * malformed lines and more than 100 signatures. Verification ignores signatures by unknown keys, rejects
 * the note if a known key's signature is invalid, and needs at least one valid known signature.
 */
public record SignedNote(String text, List<Signature> signatures) {

    /** The U+2014 em dash and a space that open every signature line. */
    public static final String SIGNATURE_PREFIX = "\u2014 ";
    private static final int MAX_SIGNATURES = 100;

    /** One signature line; {@code signature} is the 64-byte Ed25519 signature without the key id. */
    public record Signature(String keyName, byte[] keyId, byte[] signature) {
        public Signature {
            keyId = keyId.clone();
            signature = signature.clone();
        }

        String line() {
            byte[] blob = new byte[keyId.length + signature.length];
            System.arraycopy(keyId, 0, blob, 0, keyId.length);
            System.arraycopy(signature, 0, blob, keyId.length, signature.length);
            return SIGNATURE_PREFIX + keyName + " " + CanonicalBase64.encode(blob) + "\n";
        }

        boolean isBy(LogPublicKey key) {
            return keyName.equals(key.name()) && Arrays.equals(keyId, key.keyId());
        }
    }

    public SignedNote {
        requireValidText(text);
        signatures = List.copyOf(signatures);
        if (signatures.isEmpty() || signatures.size() > MAX_SIGNATURES) {
            throw new IllegalArgumentException("a signed note has 1 to " + MAX_SIGNATURES + " signatures");
        }
    }

    /** Signs {@code text} (for example {@link Checkpoint#body()}) with each key, in order. */
    public static SignedNote sign(String text, LogSigningKey... keys) {
        requireValidText(text);
        byte[] message = text.getBytes(StandardCharsets.UTF_8);
        List<Signature> signatures = new ArrayList<>();
        for (LogSigningKey key : keys) {
            signatures.add(new Signature(key.name(), key.publicKey().keyId(), key.sign(message)));
        }
        return new SignedNote(text, signatures);
    }

    /** The note as it travels: text, blank line, signature lines. */
    public String serialize() {
        StringBuilder note = new StringBuilder(text).append('\n');
        signatures.forEach(s -> note.append(s.line()));
        return note.toString();
    }

    public static SignedNote parse(String note) {
        if (note == null) {
            throw new IllegalArgumentException("no note");
        }
        int split = note.lastIndexOf("\n\n");
        if (split < 0) {
            throw new IllegalArgumentException("a signed note needs a blank line before its signatures");
        }
        String text = note.substring(0, split + 1);
        String block = note.substring(split + 2);
        if (block.isEmpty() || !block.endsWith("\n")) {
            throw new IllegalArgumentException("a signed note ends with newline-terminated signature lines");
        }
        List<Signature> signatures = new ArrayList<>();
        for (String line : block.substring(0, block.length() - 1).split("\n", -1)) {
            signatures.add(parseLine(line));
        }
        return new SignedNote(text, signatures);
    }

    /**
     * True when at least one signature by {@code key} (same name and key id) verifies and none by it
     * fails; signatures by other keys are ignored, as C2SP prescribes for unknown keys.
     */
    public boolean verify(LogPublicKey key) {
        byte[] message = text.getBytes(StandardCharsets.UTF_8);
        boolean verified = false;
        for (Signature signature : signatures) {
            if (signature.isBy(key)) {
                if (!key.verify(message, signature.signature())) {
                    return false;
                }
                verified = true;
            }
        }
        return verified;
    }

    private static Signature parseLine(String line) {
        if (!line.startsWith(SIGNATURE_PREFIX)) {
            throw new IllegalArgumentException("a signature line starts with an em dash and a space");
        }
        String rest = line.substring(SIGNATURE_PREFIX.length());
        int space = rest.indexOf(' ');
        if (space < 0) {
            throw new IllegalArgumentException("a signature line is '— <name> <base64>'");
        }
        String name = rest.substring(0, space);
        if (!LogPublicKey.isValidName(name)) {
            throw new IllegalArgumentException("invalid key name in signature line: " + name);
        }
        byte[] blob = CanonicalBase64.decode(rest.substring(space + 1));
        if (blob.length < 5) {
            throw new IllegalArgumentException("a signature holds a 4-byte key id and a signature");
        }
        return new Signature(name, Arrays.copyOf(blob, 4), Arrays.copyOfRange(blob, 4, blob.length));
    }

    private static void requireValidText(String text) {
        if (text == null || text.isEmpty() || !text.endsWith("\n")) {
            throw new IllegalArgumentException("a note text is non-empty and ends with a newline");
        }
        if (text.chars().anyMatch(c -> c < 0x20 && c != '\n') || !StandardCharsets.UTF_8.newEncoder().canEncode(text)) {
            throw new IllegalArgumentException("a note text is UTF-8 without control characters other than newline");
        }
    }
}
