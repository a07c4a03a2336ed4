package dev.migrationledger.ledger.domain;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ChecksumTest {

    private static final String SCRIPT = "CREATE TABLE widgets (id bigint);\nALTER TABLE widgets ADD name text;\n";

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aScriptIsHashedAsSha256OfItsUtf8Text() {
        // sha256sum of the same text
        assertThat(Checksum.ofScript(utf8("abc")).hex())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void crlfLineEndingsGiveTheSameChecksumAsLf() {
        assertThat(Checksum.ofScript(utf8(SCRIPT.replace("\n", "\r\n")))).isEqualTo(Checksum.ofScript(utf8(SCRIPT)));
    }

    @Test
    void aByteOrderMarkGivesTheSameChecksumAsWithout() {
        assertThat(Checksum.ofScript(utf8("\uFEFF" + SCRIPT))).isEqualTo(Checksum.ofScript(utf8(SCRIPT)));
    }

    @Test
    void aBomAndCrlfTogetherGiveTheSameChecksumAsPlainLf() {
        assertThat(Checksum.ofScript(utf8("\uFEFF" + SCRIPT.replace("\n", "\r\n"))))
                .isEqualTo(Checksum.ofScript(utf8(SCRIPT)));
    }

    @Test
    void anyOtherChangeGivesAnotherChecksum() {
        assertThat(Checksum.ofScript(utf8(SCRIPT + " "))).isNotEqualTo(Checksum.ofScript(utf8(SCRIPT)));
        assertThat(Checksum.ofScript(utf8(SCRIPT.replace("\n", "\r")))).isNotEqualTo(Checksum.ofScript(utf8(SCRIPT)));
    }

    @Test
    void parsingAcceptsUppercaseAndSurroundingSpace() {
        String hex = Checksum.ofScript(utf8(SCRIPT)).hex();
        assertThat(Checksum.parse(" " + hex.toUpperCase() + "\n").hex()).isEqualTo(hex);
    }

    @Test
    void malformedChecksumsAreRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> Checksum.parse("abc"));
        assertThatIllegalArgumentException().isThrownBy(() -> Checksum.parse("g".repeat(64)));
        assertThatIllegalArgumentException().isThrownBy(() -> Checksum.parse(null));
        assertThatIllegalArgumentException().as("65 characters").isThrownBy(() -> Checksum.parse("a".repeat(65)));
        assertThatIllegalArgumentException().as("one past each end of the alphabet")
                .isThrownBy(() -> new Checksum("a".repeat(63) + "/"));
        assertThatIllegalArgumentException().isThrownBy(() -> new Checksum("a".repeat(63) + ":"));
        assertThatIllegalArgumentException().isThrownBy(() -> new Checksum("a".repeat(63) + "`"));
        assertThatIllegalArgumentException().isThrownBy(() -> new Checksum("a".repeat(63) + "A"));
        assertThatIllegalArgumentException().as("a digit from another script")
                .isThrownBy(() -> new Checksum("a".repeat(63) + "\u0663"));
        assertThat(new Checksum("0123456789abcdef".repeat(4)).hex()).hasSize(64);
    }
}
