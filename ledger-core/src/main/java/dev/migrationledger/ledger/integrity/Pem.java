package dev.migrationledger.ledger.integrity;

import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * RFC 7468 textual encoding ("PEM") of one DER structure, by Bouncy Castle's PEM reader and writer (in bcprov,
 * which the log's Ed25519 keys need anyway, so the executor's jar grows by nothing).
 */
final class Pem {

    private Pem() {
    }

    /** As OpenSSL writes a key: 64 characters a line, each line ended by LF on any platform. */
    static String write(String label, byte[] der) {
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            writer.writeObject(new PemObject(label, der));
        } catch (IOException e) {
            throw new UncheckedIOException("a StringWriter does not fail", e);
        }
        return text.toString().replace("\r\n", "\n");
    }

    /** The DER of the first block labelled {@code label}; blocks with other labels (EC PARAMETERS …) are passed over. */
    static byte[] read(String label, String text) {
        try (PemReader reader = new PemReader(new StringReader(text == null ? "" : text))) {
            for (PemObject block = reader.readPemObject(); block != null; block = reader.readPemObject()) {
                if (label.equals(block.getType())) {
                    return block.getContent();
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("unreadable PEM: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("no PEM block labelled " + label);
    }
}
