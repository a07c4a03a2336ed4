package dev.migrationledger.ledger.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReceiptTamperTest {

    private static final ReceiptFixture FIXTURE = new ReceiptFixture();
    private static final byte[] RECEIPT = FIXTURE.receipt().toJson();
    private final ReceiptVerifier verifier = new ReceiptVerifier(ReceiptFixture.KEY.publicKey());

    @Test
    void untouchedReceiptIsProven() {
        assertThat(RECEIPT.length).isGreaterThan(4_000);
        assertThat(verifier.verify(RECEIPT, null).proven()).isTrue();
    }

    @Test
    void receiptWithOneChangedByteFailsVerification() {
        Random random = new Random(6_1);
        List<String> proven = new ArrayList<>();
        // Every 7th byte with a single-bit flip covers each field of the file; random positions and masks add the rest.
        for (int round = 0; round < 1_200; round++) {
            int position = round * 7 < RECEIPT.length ? round * 7 : random.nextInt(RECEIPT.length);
            int mask = round * 7 < RECEIPT.length ? 1 << random.nextInt(8) : 1 + random.nextInt(255);
            byte[] tampered = RECEIPT.clone();
            tampered[position] ^= (byte) mask;
            if (verifier.verify(tampered, null).proven()) {
                proven.add("byte " + position + " ^ " + mask + " near «" + context(position) + "»");
            }
        }
        assertThat(proven).isEmpty();
    }

    private static String context(int position) {
        int from = Math.max(0, position - 20);
        int to = Math.min(RECEIPT.length, position + 20);
        return new String(RECEIPT, from, to - from, java.nio.charset.StandardCharsets.UTF_8);
    }
}
