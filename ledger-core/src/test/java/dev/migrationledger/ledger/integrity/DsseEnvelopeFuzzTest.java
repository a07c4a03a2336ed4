package dev.migrationledger.ledger.integrity;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * DSSE envelopes read with the receipts' JSON configuration, starting from a genuine one (kept as a seed).
 * What must hold: an envelope that is not JSON of the envelope's shape is refused with an
 * IllegalArgumentException; any other envelope verifies or not without an exception, and verifies only
 * with the payload type and the payload bytes that were signed.
 */
class DsseEnvelopeFuzzTest {

    /** What the seed envelope signs (see IntegrityFuzzSeedsTest). */
    static final byte[] PAYLOAD = "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[]}".getBytes(StandardCharsets.UTF_8);
    private static final LogPublicKey KEY = ReceiptFixture.KEY.publicKey();

    @FuzzTest
    void envelopesVerifyOnlyWhatWasSigned(byte[] json) {
        DsseEnvelope envelope;
        try {
            envelope = ReceiptJson.read(json, DsseEnvelope.class);
        } catch (IllegalArgumentException unreadable) {
            return;
        }
        if (envelope == null) {
            return;
        }
        byte[] payload = null;
        try {
            payload = envelope.payloadBytes();
        } catch (IllegalArgumentException missingOrNotCanonical) {
            // then the envelope must not verify, below
        }
        if (envelope.verify(KEY) && !(DsseEnvelope.IN_TOTO_PAYLOAD_TYPE.equals(envelope.payloadType())
                && Arrays.equals(payload, PAYLOAD))) {
            throw new AssertionError("an envelope verifies with a type or payload that was not signed: " + envelope);
        }
    }

}
