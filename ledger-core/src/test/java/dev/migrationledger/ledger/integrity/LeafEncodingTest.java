package dev.migrationledger.ledger.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LeafEncodingTest {

    private static final LeafFields LEAF = LeafFields.of("ledger.example/log", 17, "6f1c…-event", "billing-db", 3,
            "dev.migrationledger.ledger.api.MigrationApplied", null, "{\"a\":1}".getBytes(StandardCharsets.UTF_8),
            "{}".getBytes(StandardCharsets.UTF_8), "2026-02-25T12:00:00.123Z");

    @Test
    void encodingIsLengthPrefixedUtf8FieldsInSpecOrder() {
        ByteBuffer bytes = ByteBuffer.wrap(LEAF.encode());
        assertThat(nextField(bytes)).isEqualTo("migration-ledger/leaf/v1");
        assertThat(nextField(bytes)).isEqualTo("ledger.example/log");
        assertThat(nextField(bytes)).isEqualTo("17");
        assertThat(nextField(bytes)).isEqualTo("6f1c…-event");
        assertThat(nextField(bytes)).isEqualTo("billing-db");
        assertThat(nextField(bytes)).isEqualTo("3");
        assertThat(nextField(bytes)).isEqualTo("dev.migrationledger.ledger.api.MigrationApplied");
        assertThat(nextField(bytes)).isEmpty();
        assertThat(nextField(bytes)).isEqualTo("015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862");
        assertThat(nextField(bytes)).isEqualTo("44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
        assertThat(nextField(bytes)).isEqualTo("2026-02-25T12:00:00.123Z");
        assertThat(bytes.hasRemaining()).isFalse();
    }

    @Test
    void decodeInvertsEncode() {
        assertThat(LeafFields.decode(LEAF.encode())).isEqualTo(LEAF);
        LeafFields withRevision = new LeafFields("o", 0, "e", "a", 0, "t", "2", LEAF.payloadSha256(), LEAF.metadataSha256(), "ts");
        assertThat(LeafFields.decode(withRevision.encode())).isEqualTo(withRevision);
    }

    @Test
    void trailingBytesAreRejected() {
        byte[] leaf = Arrays.copyOf(LEAF.encode(), LEAF.encode().length + 1);
        assertThatThrownBy(() -> LeafFields.decode(leaf)).hasMessageContaining("trailing");
    }

    @Test
    void truncatedLeavesAreRejectedAtEveryLength() {
        byte[] leaf = LEAF.encode();
        for (int length = 0; length < leaf.length; length++) {
            byte[] truncated = Arrays.copyOf(leaf, length);
            assertThatThrownBy(() -> LeafFields.decode(truncated)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void nonCanonicalIndexIsRejected() {
        byte[] leaf = new LeafFields("o", 7, "e", "a", 0, "t", null, LEAF.payloadSha256(), LEAF.metadataSha256(), "ts").encode();
        byte[] padded = leaf.clone();
        int at = indexOf(padded, "7".getBytes(StandardCharsets.US_ASCII)[0], 4 + LeafEncoding.FORMAT.length() + 4 + 1 + 4);
        padded[at] = '+';
        assertThatThrownBy(() -> LeafFields.decode(padded)).hasMessageContaining("canonical decimal");
    }

    @Test
    void anotherFormatTagIsRejected() {
        byte[] leaf = LEAF.encode();
        leaf[4 + LeafEncoding.FORMAT.length() - 1] = '2';
        assertThatThrownBy(() -> LeafFields.decode(leaf)).hasMessageContaining("format");
    }

    @Test
    void payloadAndMetadataAreTiedByTheirDigests() {
        assertThat(LEAF.matchesPayload("{\"a\":1}".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(LEAF.matchesPayload("{\"a\":2}".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(LEAF.matchesMetadata("{}".getBytes(StandardCharsets.UTF_8))).isTrue();
    }

    private static String nextField(ByteBuffer bytes) {
        byte[] field = new byte[bytes.getInt()];
        bytes.get(field);
        return new String(field, StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] bytes, byte value, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }
}
