package dev.migrationledger.ledger.integrity;

import dev.migrationledger.ledger.api.AuthorizationGrant;
import dev.migrationledger.ledger.domain.Checksum;
import java.util.List;
import java.util.function.Predicate;

/**
 * The signed authorization of SPEC §10: a DSSE envelope ({@value #PAYLOAD_TYPE}) whose payload is the
 * JCS-canonical JSON of an {@link AuthorizationGrant}, signed with the log key. The executor verifies it
 * before it applies anything; receipts include it so {@code ledger verify} can prove an apply ran under it.
 * Its digest (SHA-256 of the payload bytes) is what facts name as {@code authorizationDigest}.
 */
public final class SignedAuthorization {

    public static final String PAYLOAD_TYPE = "application/vnd.migration-ledger.authorization.v1+json";

    private SignedAuthorization() {
    }

    /** The payload bytes: a pure function of the grant, so the same grant always signs the same. */
    public static byte[] payload(AuthorizationGrant grant) {
        return ReceiptJson.canonical(grant);
    }

    public static DsseEnvelope sign(AuthorizationGrant grant, LogSigningKey key) {
        return DsseEnvelope.sign(PAYLOAD_TYPE, payload(grant), key);
    }

    /** @throws IllegalArgumentException when the payload is not canonical base64 */
    public static String digest(DsseEnvelope envelope) {
        return Checksum.ofBytes(envelope.payloadBytes()).hex();
    }

    /**
     * The grant an envelope carries, once its type is this one and a signature by one of {@code keys}
     * verifies. The payload is parsed only after the signature verified, so nothing unsigned is read.
     *
     * @throws IllegalArgumentException saying what is wrong: no envelope, another type, no valid signature by
     *                                  these keys, or an unreadable payload
     */
    public static AuthorizationGrant verified(DsseEnvelope envelope, List<LogPublicKey> keys) {
        return verified(envelope, keys, e -> keys.stream().anyMatch(e::verify));
    }

    /** As {@link #verified(DsseEnvelope, List)}, with the signature check given (a verifier that remembers). */
    static AuthorizationGrant verified(DsseEnvelope envelope, List<LogPublicKey> keys, Predicate<DsseEnvelope> signed) {
        if (envelope == null) {
            throw new IllegalArgumentException("the answer carries no signed authorization");
        }
        if (!PAYLOAD_TYPE.equals(envelope.payloadType())) {
            throw new IllegalArgumentException("the envelope's payload type is " + envelope.payloadType()
                    + ", not " + PAYLOAD_TYPE);
        }
        if (!signed.test(envelope)) {
            throw new IllegalArgumentException("the signed authorization is not signed by the ledger key "
                    + String.join(", ", keys.stream().map(LogPublicKey::toString).toList()) + " (signed by key id "
                    + String.join(", ", envelope.signatures().stream().map(s -> s == null ? "?" : String.valueOf(s.keyid())).toList()) + ")");
        }
        return ReceiptJson.read(envelope.payloadBytes(), AuthorizationGrant.class);
    }
}
