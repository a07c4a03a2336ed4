package dev.migrationledger.ledger.integrity;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The leaf bytes of SPEC §6.1: for each field in a fixed order, a 4-byte big-endian length followed by
 * the field's UTF-8 bytes, starting with the format tag {@value #FORMAT}. Length prefixes make the
 * encoding injective (no two field lists share bytes), and the decoder accepts only canonical input, so
 * one event has exactly one leaf and any other verifier can rebuild it.
 */
public final class LeafEncoding {

    public static final String FORMAT = "migration-ledger/leaf/v1";

    private static final int FIELDS = 11;
    private static final Pattern CANONICAL_DECIMAL = Pattern.compile("0|[1-9][0-9]{0,18}");

    private LeafEncoding() {
    }

    public static byte[] encode(LeafFields leaf) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        for (String field : List.of(FORMAT, leaf.origin(), Long.toString(leaf.globalIndex()), leaf.eventId(),
                leaf.aggregateId(), Long.toString(leaf.sequenceNumber()), leaf.payloadType(),
                leaf.payloadRevision() == null ? "" : leaf.payloadRevision(), leaf.payloadSha256(),
                leaf.metadataSha256(), leaf.timestamp())) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    /** @throws IllegalArgumentException on short, trailing or otherwise non-canonical bytes */
    public static LeafFields decode(byte[] leaf) {
        ByteBuffer in = ByteBuffer.wrap(leaf);
        List<String> fields = new ArrayList<>(FIELDS);
        try {
            while (fields.size() < FIELDS) {
                int length = in.getInt();
                if (length < 0 || length > in.remaining()) {
                    throw new IllegalArgumentException("leaf field " + fields.size() + " is longer than the leaf");
                }
                byte[] bytes = new byte[length];
                in.get(bytes);
                fields.add(utf8(bytes));
            }
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("leaf is too short: " + fields.size() + " of " + FIELDS + " fields", e);
        }
        if (in.hasRemaining()) {
            throw new IllegalArgumentException("leaf has " + in.remaining() + " trailing bytes");
        }
        if (!FORMAT.equals(fields.get(0))) {
            throw new IllegalArgumentException("leaf format is not " + FORMAT);
        }
        return new LeafFields(fields.get(1), decimal(fields.get(2)), fields.get(3), fields.get(4),
                decimal(fields.get(5)), fields.get(6), fields.get(7), fields.get(8), fields.get(9), fields.get(10));
    }

    private static long decimal(String text) {
        if (!CANONICAL_DECIMAL.matcher(text).matches()) {
            throw new IllegalArgumentException("not a canonical decimal: " + text);
        }
        return Long.parseLong(text);
    }

    private static String utf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("leaf field is not valid UTF-8", e);
        }
    }
}
