package dev.migrationledger.ledger.integrity;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A DSSE v1 envelope (secure-systems-lab/dsse, "Dead Simple Signing Envelope"): the payload in base64,
 * its type, and signatures over the pre-authentication encoding
 * {@code "DSSEv1" SP len(type) SP type SP len(payload) SP payload}, which binds the type to the bytes so
 * a signed payload cannot be reinterpreted as another type. Here the signatures are Ed25519 and the
 * {@code keyid} is the log key's C2SP key id in hex.
 */
public record DsseEnvelope(String payloadType, String payload, List<Signature> signatures) {

    /** The payload type of an in-toto Statement. */
    public static final String IN_TOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json";

    public record Signature(String keyid, String sig) {
    }

    public DsseEnvelope {
        signatures = signatures == null ? List.of() : List.copyOf(signatures);
    }

    public static DsseEnvelope sign(String payloadType, byte[] payload, LogSigningKey... keys) {
        byte[] pae = pae(payloadType, payload);
        List<Signature> signatures = new ArrayList<>();
        for (LogSigningKey key : keys) {
            signatures.add(new Signature(key.publicKey().keyIdHex(), CanonicalBase64.encode(key.sign(pae))));
        }
        return new DsseEnvelope(payloadType, CanonicalBase64.encode(payload), signatures);
    }

    /** The DSSE v1 pre-authentication encoding; lengths are byte counts in ASCII decimal. */
    public static byte[] pae(String payloadType, byte[] payload) {
        byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("DSSEv1 " + type.length + " " + payloadType + " " + payload.length + " ").getBytes(StandardCharsets.UTF_8);
        byte[] pae = new byte[head.length + payload.length];
        System.arraycopy(head, 0, pae, 0, head.length);
        System.arraycopy(payload, 0, pae, head.length, payload.length);
        return pae;
    }

    /** @throws IllegalArgumentException when the payload is not canonical base64 */
    public byte[] payloadBytes() {
        return CanonicalBase64.decode(payload);
    }

    /**
     * True when a signature carrying this key's id verifies over the PAE and no signature carrying its id
     * fails. The key id is required, not a mere hint: an envelope whose id was altered is not the one signed.
     */
    public boolean verify(LogPublicKey key) {
        if (payloadType == null || payload == null) {
            return false;
        }
        byte[] pae;
        try {
            pae = pae(payloadType, payloadBytes());
        } catch (IllegalArgumentException e) {
            return false;
        }
        boolean verified = false;
        for (Signature signature : signatures) {
            if (signature != null && key.keyIdHex().equals(signature.keyid())) {
                if (!verifies(key, pae, signature.sig())) {
                    return false;
                }
                verified = true;
            }
        }
        return verified;
    }

    private static boolean verifies(LogPublicKey key, byte[] pae, String sig) {
        try {
            return key.verify(pae, CanonicalBase64.decode(sig));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
