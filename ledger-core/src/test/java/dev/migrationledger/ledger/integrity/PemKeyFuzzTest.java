package dev.migrationledger.ledger.integrity;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The log's keys as PEM files ({@code --key PUB.pem}, {@code ledger.key-path}), with the C2SP key name:
 * the input is the name, a line break, then the file. What must hold: a file that is not an Ed25519 key
 * of that kind, or a name C2SP forbids, is refused with an IllegalArgumentException; a key that is read
 * writes out as PEM that reads back as the same key (name, bytes and key id), and a private key read from
 * PEM signs what its public key verifies.
 */
class PemKeyFuzzTest {

    @FuzzTest
    void keysRoundTripThroughPem(byte[] input) {
        String text = new String(input, StandardCharsets.US_ASCII);
        int lineBreak = text.indexOf('\n');
        String name = lineBreak < 0 ? text : text.substring(0, lineBreak);
        String pem = lineBreak < 0 ? "" : text.substring(lineBreak + 1);
        try {
            LogPublicKey key = LogPublicKey.fromPem(name, pem);
            LogPublicKey again = LogPublicKey.fromPem(name, key.toPem());
            if (!again.equals(key) || !Arrays.equals(again.keyId(), key.keyId())) {
                throw new AssertionError("a public key does not round-trip through PEM: " + key);
            }
        } catch (IllegalArgumentException unreadable) {
            // the documented answer to a file that is not an Ed25519 public key
        }
        try {
            LogSigningKey key = LogSigningKey.fromPem(name, pem);
            LogSigningKey again = LogSigningKey.fromPem(name, key.toPem());
            if (!again.publicKey().equals(key.publicKey()) || !key.publicKey().verify(input, again.sign(input))) {
                throw new AssertionError("a private key does not round-trip through PEM: " + key);
            }
        } catch (IllegalArgumentException unreadable) {
            // the documented answer to a file that is not an Ed25519 PKCS#8 key
        }
    }

    /** A seed: the name line, then the PEM. */
    static byte[] withName(String pem) {
        return (ReceiptFixture.ORIGIN + "\n" + pem).getBytes(StandardCharsets.US_ASCII);
    }
}
