package dev.migrationledger.ledger.integrity;

import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** RFC 7468 textual encoding ("PEM") of one DER structure, the way OpenSSL writes and reads keys. */
final class Pem {

    private Pem() {
    }

    static String write(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    static byte[] read(String label, String text) {
        Pattern block = Pattern.compile("-----BEGIN " + Pattern.quote(label) + "-----([A-Za-z0-9+/=\\s]*)-----END "
                + Pattern.quote(label) + "-----");
        Matcher matcher = block.matcher(text == null ? "" : text);
        if (!matcher.find()) {
            throw new IllegalArgumentException("no PEM block labelled " + label);
        }
        return Base64.getMimeDecoder().decode(matcher.group(1).replaceAll("\\s", ""));
    }
}
