package dev.migrationledger.ledger.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The key files people hand the ledger, as editors and tools leave them. */
class PemTest {

    private static final LogSigningKey KEY = LogSigningKey.generate("ledger.example/log");

    @Test
    void writesWhatOpensslWrites() {
        String pem = KEY.publicKey().toPem();
        assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("\n-----END PUBLIC KEY-----\n")
                .doesNotContain("\r");
        assertThat(pem.lines()).hasSize(3);
    }

    @Test
    void readsAFileWithCrlfLineEndsAndTextAround() {
        String windows = ("a comment line\n" + KEY.toPem() + "trailing text\n").replace("\n", "\r\n");
        assertThat(LogSigningKey.fromPem("ledger.example/log", windows).publicKey()).isEqualTo(KEY.publicKey());
    }

    @Test
    void passesOverBlocksWithOtherLabels() {
        String both = KEY.publicKey().toPem() + KEY.toPem();
        assertThat(LogSigningKey.fromPem("ledger.example/log", both).publicKey()).isEqualTo(KEY.publicKey());
        assertThat(LogPublicKey.fromPem("ledger.example/log", both)).isEqualTo(KEY.publicKey());
    }

    @Test
    void refusesWhatIsNoKeyOfThatLabel() {
        assertThatThrownBy(() -> LogPublicKey.fromPem("log", KEY.toPem())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LogPublicKey.fromPem("log", "-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----\n"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LogPublicKey.fromPem("log", "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LogPublicKey.fromPem("log", null)).isInstanceOf(IllegalArgumentException.class);
    }
}
