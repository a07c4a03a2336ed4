package dev.migrationledger.ledger.integrity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * The log's Ed25519 public key with its C2SP signed-note name (the log origin by default). Its key id
 * is the one C2SP signed-note defines for Ed25519, {@code SHA-256(name || 0x0A || 0x01 || key)[:4]}, and
 * the same id in hex is the DSSE {@code keyid}. On disk it is an X.509 SubjectPublicKeyInfo PEM
 * ({@code PUBLIC KEY}), as {@code openssl pkey -pubout} writes it.
 */
public final class LogPublicKey {

    /** id-Ed25519 of RFC 8410. */
    static final AlgorithmIdentifier ED25519 = new AlgorithmIdentifier(new ASN1ObjectIdentifier("1.3.101.112"));

    static final int KEY_SIZE = Ed25519PublicKeyParameters.KEY_SIZE;
    private static final byte ED25519_SIGNATURE_TYPE = 0x01;

    private final String name;
    private final byte[] key;
    private final byte[] keyId;
    /**
     * Decoded at the first verification and kept: a receipt needs several by the same key. Not in the
     * constructor, because a key id is also computed for 32 bytes that are no curve point.
     */
    private volatile Ed25519PublicKeyParameters parameters;

    public LogPublicKey(String name, byte[] key) {
        if (!isValidName(name)) {
            throw new IllegalArgumentException("a key name is non-empty, without spaces or '+': " + name);
        }
        if (key == null || key.length != KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 public key is 32 bytes");
        }
        this.name = name;
        this.key = key.clone();
        MessageDigest digest = MerkleTree.sha256();
        digest.update(name.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0x0A);
        digest.update(ED25519_SIGNATURE_TYPE);
        this.keyId = Arrays.copyOf(digest.digest(this.key), 4);
    }

    /** Reads a {@code PUBLIC KEY} PEM (Ed25519 SubjectPublicKeyInfo). */
    public static LogPublicKey fromPem(String name, String pem) {
        try {
            AsymmetricKeyParameter parameters = PublicKeyFactory.createKey(Pem.read("PUBLIC KEY", pem));
            if (!(parameters instanceof Ed25519PublicKeyParameters ed25519)) {
                throw new IllegalArgumentException("the public key is not Ed25519");
            }
            return new LogPublicKey(name, ed25519.getEncoded());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("unreadable Ed25519 public key: " + e.getMessage(), e);
        }
    }

    public String toPem() {
        try {
            SubjectPublicKeyInfo info = new SubjectPublicKeyInfo(ED25519, key);
            return Pem.write("PUBLIC KEY", info.getEncoded(ASN1Encoding.DER));
        } catch (IOException e) {
            throw new IllegalStateException("DER encoding of a 32-byte key cannot fail", e);
        }
    }

    /** Ed25519 (RFC 8032) verification; false for any malformed signature. */
    public boolean verify(byte[] message, byte[] signature) {
        if (message == null || signature == null || signature.length != Ed25519PublicKeyParameters.KEY_SIZE * 2) {
            return false;
        }
        Ed25519PublicKeyParameters decoded = parameters;
        if (decoded == null) {
            try {
                decoded = new Ed25519PublicKeyParameters(key, 0);
            } catch (IllegalArgumentException e) {
                return false; // not a point on the curve: nothing verifies under it
            }
            parameters = decoded;
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, decoded);
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }

    public String name() {
        return name;
    }

    public byte[] key() {
        return key.clone();
    }

    /** The 4-byte C2SP key id. */
    public byte[] keyId() {
        return keyId.clone();
    }

    /** The key id as DSSE {@code keyid}: 8 lowercase hex characters. */
    public String keyIdHex() {
        return HexFormat.of().formatHex(keyId);
    }

    /** C2SP signed-note key names: non-empty, no Unicode whitespace, no '+'. */
    static boolean isValidName(String name) {
        return name != null && !name.isEmpty() && name.codePoints().noneMatch(c -> Character.isWhitespace(c)
                || Character.isSpaceChar(c) || c == '+');
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LogPublicKey that && name.equals(that.name) && Arrays.equals(key, that.key);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return name + "+" + keyIdHex();
    }
}
