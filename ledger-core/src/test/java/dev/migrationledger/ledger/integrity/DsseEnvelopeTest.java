package dev.migrationledger.ledger.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DsseEnvelopeTest {

    private static final LogSigningKey KEY = LogSigningKey.generate("log");
    private static final byte[] PAYLOAD = "{\"hello\":\"wörld\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void paeIsTheDsseV1EncodingWithByteLengths() {
        byte[] pae = DsseEnvelope.pae("http://example.com/HelloWorld", "hello world".getBytes(StandardCharsets.UTF_8));
        // The example of the DSSE protocol document.
        assertThat(new String(pae, StandardCharsets.UTF_8)).isEqualTo("DSSEv1 29 http://example.com/HelloWorld 11 hello world");
        assertThat(new String(DsseEnvelope.pae("t", PAYLOAD), StandardCharsets.UTF_8)).startsWith("DSSEv1 1 t 18 ");
    }

    @Test
    void signedEnvelopeVerifiesWithTheKeyAndCarriesItsHexKeyId() {
        DsseEnvelope envelope = DsseEnvelope.sign(DsseEnvelope.IN_TOTO_PAYLOAD_TYPE, PAYLOAD, KEY);
        assertThat(envelope.verify(KEY.publicKey())).isTrue();
        assertThat(envelope.signatures()).singleElement().extracting(DsseEnvelope.Signature::keyid).isEqualTo(KEY.publicKey().keyIdHex());
        assertThat(envelope.payloadBytes()).isEqualTo(PAYLOAD);
    }

    @Test
    void changedPayloadTypeFailsVerification() {
        DsseEnvelope envelope = DsseEnvelope.sign(DsseEnvelope.IN_TOTO_PAYLOAD_TYPE, PAYLOAD, KEY);
        assertThat(new DsseEnvelope("application/json", envelope.payload(), envelope.signatures()).verify(KEY.publicKey())).isFalse();
    }

    @Test
    void changedPayloadFailsVerification() {
        DsseEnvelope envelope = DsseEnvelope.sign(DsseEnvelope.IN_TOTO_PAYLOAD_TYPE, PAYLOAD, KEY);
        String other = CanonicalBase64.encode("{\"hello\":\"world!\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(new DsseEnvelope(envelope.payloadType(), other, envelope.signatures()).verify(KEY.publicKey())).isFalse();
    }

    @Test
    void wrongKeyOrMissingKeyIdFailsVerification() {
        DsseEnvelope envelope = DsseEnvelope.sign(DsseEnvelope.IN_TOTO_PAYLOAD_TYPE, PAYLOAD, KEY);
        assertThat(envelope.verify(LogSigningKey.generate("log").publicKey())).isFalse();
        DsseEnvelope.Signature signature = envelope.signatures().get(0);
        DsseEnvelope anonymous = new DsseEnvelope(envelope.payloadType(), envelope.payload(), List.of(new DsseEnvelope.Signature(null, signature.sig())));
        assertThat(anonymous.verify(KEY.publicKey())).isFalse();
    }
}
