package dev.migrationledger.ledger.integrity;

import java.io.IOException;
import java.security.SecureRandom;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;

/**
 * The log's Ed25519 signing key (RFC 8032, through Bouncy Castle: the JDK's SunEC Ed25519 is about 15x
 * slower) with its C2SP key name. On disk it is an unencrypted PKCS#8 PEM ({@code PRIVATE KEY}) in the
 * same form {@code openssl genpkey -algorithm ed25519} writes, so operators can create and inspect it.
 */
public final class LogSigningKey {

    private final Ed25519PrivateKeyParameters privateKey;
    private final LogPublicKey publicKey;

    private LogSigningKey(String name, Ed25519PrivateKeyParameters privateKey) {
        this.privateKey = privateKey;
        this.publicKey = new LogPublicKey(name, privateKey.generatePublicKey().getEncoded());
    }

    public static LogSigningKey generate(String name) {
        return new LogSigningKey(name, new Ed25519PrivateKeyParameters(new SecureRandom()));
    }

    /** Reads a {@code PRIVATE KEY} PEM holding an Ed25519 PKCS#8 (v1 or v2) key. */
    public static LogSigningKey fromPem(String name, String pem) {
        try {
            AsymmetricKeyParameter parameters = PrivateKeyFactory.createKey(Pem.read("PRIVATE KEY", pem));
            if (!(parameters instanceof Ed25519PrivateKeyParameters ed25519)) {
                throw new IllegalArgumentException("the private key is not Ed25519");
            }
            return new LogSigningKey(name, ed25519);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("unreadable Ed25519 private key: " + e.getMessage(), e);
        }
    }

    /** PKCS#8 v1 without the optional public key, byte for byte what OpenSSL writes. */
    public String toPem() {
        try {
            PrivateKeyInfo info = new PrivateKeyInfo(LogPublicKey.ED25519,
                    new DEROctetString(privateKey.getEncoded()));
            return Pem.write("PRIVATE KEY", info.getEncoded(ASN1Encoding.DER));
        } catch (IOException e) {
            throw new IllegalStateException("DER encoding of a 32-byte key cannot fail", e);
        }
    }

    public byte[] sign(byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    public LogPublicKey publicKey() {
        return publicKey;
    }

    public String name() {
        return publicKey.name();
    }

    @Override
    public String toString() {
        return "LogSigningKey[" + publicKey + "]";
    }
}
