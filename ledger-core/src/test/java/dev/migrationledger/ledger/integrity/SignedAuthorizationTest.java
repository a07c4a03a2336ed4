package dev.migrationledger.ledger.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationledger.ledger.api.AuthorizationGrant;
import dev.migrationledger.ledger.api.ExecutionAuthorized.AuthorizedMigration;
import dev.migrationledger.ledger.domain.Checksum;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The signed authorization of SPEC §10: a DSSE envelope around the grant, verifiable with the log key alone. */
class SignedAuthorizationTest {

    static final Instant AT = Instant.parse("2026-02-25T12:00:00.123456Z");
    static final String TARGET = Checksum.ofBytes("postgresql/1/billing/public".getBytes(StandardCharsets.UTF_8)).hex();

    static AuthorizationGrant grant(String executionId, String checksum, Instant expiresAt) {
        return new AuthorizationGrant("billing-db", "prod", executionId, List.of(new AuthorizedMigration("1.1", checksum)),
                TARGET, "ci", AT, expiresAt);
    }

    private final AuthorizationGrant grant = grant("ex-1", ReceiptFixture.CHECKSUM, AT.plusSeconds(3600));

    @Test
    void theSameGrantAlwaysSignsToTheSameEnvelope() {
        assertThat(SignedAuthorization.sign(grant, ReceiptFixture.KEY))
                .isEqualTo(SignedAuthorization.sign(grant("ex-1", ReceiptFixture.CHECKSUM, AT.plusSeconds(3600)),
                        ReceiptFixture.KEY));
    }

    @Test
    void theEnvelopeHasTheAuthorizationPayloadTypeAndTheLogKeysId() {
        DsseEnvelope envelope = SignedAuthorization.sign(grant, ReceiptFixture.KEY);
        assertThat(envelope.payloadType()).isEqualTo("application/vnd.migration-ledger.authorization.v1+json");
        assertThat(envelope.signatures()).singleElement()
                .satisfies(s -> assertThat(s.keyid()).isEqualTo(ReceiptFixture.KEY.publicKey().keyIdHex()));
        assertThat(new String(envelope.payloadBytes(), StandardCharsets.UTF_8)).contains("\"executionId\":\"ex-1\"",
                "\"targetDigest\":\"" + TARGET + "\"", "\"expiresAt\":\"2026-02-25T13:00:00.123456Z\"");
    }

    @Test
    void aVerifiedEnvelopeYieldsItsGrant() {
        DsseEnvelope envelope = SignedAuthorization.sign(grant, ReceiptFixture.KEY);
        assertThat(SignedAuthorization.verified(envelope, List.of(ReceiptFixture.KEY.publicKey()))).isEqualTo(grant);
    }

    @Test
    void anEnvelopeSignedByAnotherKeyIsRefused() {
        DsseEnvelope forged = SignedAuthorization.sign(grant, LogSigningKey.generate(ReceiptFixture.ORIGIN));
        assertThatThrownBy(() -> SignedAuthorization.verified(forged, List.of(ReceiptFixture.KEY.publicKey())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not signed by the ledger key");
    }

    @Test
    void anEditedPayloadIsRefused() {
        DsseEnvelope envelope = SignedAuthorization.sign(grant, ReceiptFixture.KEY);
        byte[] other = SignedAuthorization.payload(grant("ex-2", ReceiptFixture.CHECKSUM, AT.plusSeconds(3600)));
        DsseEnvelope edited = new DsseEnvelope(envelope.payloadType(), CanonicalBase64.encode(other), envelope.signatures());
        assertThatThrownBy(() -> SignedAuthorization.verified(edited, List.of(ReceiptFixture.KEY.publicKey())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anotherPayloadTypeIsRefusedEvenWhenSigned() {
        DsseEnvelope receiptLike = DsseEnvelope.sign(DsseEnvelope.IN_TOTO_PAYLOAD_TYPE, SignedAuthorization.payload(grant),
                ReceiptFixture.KEY);
        assertThatThrownBy(() -> SignedAuthorization.verified(receiptLike, List.of(ReceiptFixture.KEY.publicKey())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("payload type");
    }

    @Test
    void theDigestIsTheSha256OfThePayload() {
        DsseEnvelope envelope = SignedAuthorization.sign(grant, ReceiptFixture.KEY);
        assertThat(SignedAuthorization.digest(envelope)).isEqualTo(Checksum.ofBytes(SignedAuthorization.payload(grant)).hex());
    }
}
