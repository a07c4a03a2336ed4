package dev.migrationledger.ledger.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogKeysTest {

    @TempDir
    Path dir;

    @Test
    void keyIdIsTheC2spSignedNoteKeyHash() {
        byte[] key = new byte[32];
        LogPublicKey publicKey = new LogPublicKey("example.com/log", key);
        byte[] input = new byte[15 + 2 + 32];
        System.arraycopy("example.com/log".getBytes(StandardCharsets.UTF_8), 0, input, 0, 15);
        input[15] = 0x0A;
        input[16] = 0x01;
        byte[] expected = java.util.Arrays.copyOf(dev.migrationledger.ledger.domain.Checksum.sha256(input), 4);
        assertThat(publicKey.keyId()).isEqualTo(expected);
        assertThat(publicKey.keyIdHex()).isEqualTo(HexFormat.of().formatHex(expected));
    }

    @Test
    void pemRoundTripKeepsTheKeyPair() {
        LogSigningKey key = LogSigningKey.generate("ledger.example/log");
        LogSigningKey reread = LogSigningKey.fromPem("ledger.example/log", key.toPem());
        assertThat(reread.publicKey()).isEqualTo(key.publicKey());
        assertThat(LogPublicKey.fromPem("ledger.example/log", key.publicKey().toPem())).isEqualTo(key.publicKey());
        assertThat(key.toPem()).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
    }

    @Test
    void signaturesVerifyOnlyForTheSignedMessageAndKey() {
        LogSigningKey key = LogSigningKey.generate("log");
        byte[] signature = key.sign("hello".getBytes(StandardCharsets.UTF_8));
        assertThat(key.publicKey().verify("hello".getBytes(StandardCharsets.UTF_8), signature)).isTrue();
        assertThat(key.publicKey().verify("hellO".getBytes(StandardCharsets.UTF_8), signature)).isFalse();
        assertThat(LogSigningKey.generate("log").publicKey().verify("hello".getBytes(StandardCharsets.UTF_8), signature)).isFalse();
    }

    @Test
    void keyNamesWithSpacesOrPlusAreRefused() {
        assertThatThrownBy(() -> LogSigningKey.generate("a b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LogSigningKey.generate("a+b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LogSigningKey.generate("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNonEd25519PemIsRefused() throws Exception {
        assumeTrue(openssl("version") == 0, "openssl not available");
        Path ec = dir.resolve("ec.pem");
        assertThat(openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", ec.toString())).isZero();
        assertThatThrownBy(() -> LogSigningKey.fromPem("log", Files.readString(ec))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void opensslReadsOurKeysAndDerivesTheSamePublicKey() throws Exception {
        assumeTrue(openssl("version") == 0, "openssl not available");
        LogSigningKey key = LogSigningKey.generate("log");
        Path privatePem = Files.writeString(dir.resolve("priv.pem"), key.toPem());
        Path publicPem = dir.resolve("pub.pem");
        assertThat(openssl("pkey", "-in", privatePem.toString(), "-pubout", "-out", publicPem.toString())).isZero();
        assertThat(Files.readString(publicPem)).isEqualTo(key.publicKey().toPem());
        Path reencoded = dir.resolve("priv2.pem");
        assertThat(openssl("pkey", "-in", privatePem.toString(), "-out", reencoded.toString())).isZero();
        assertThat(Files.readString(reencoded)).isEqualTo(key.toPem());
    }

    @Test
    void weVerifyWhatOpensslSignsWithAKeyOpensslGenerated() throws Exception {
        assumeTrue(openssl("version") == 0, "openssl not available");
        Path privatePem = dir.resolve("openssl.pem");
        assertThat(openssl("genpkey", "-algorithm", "ed25519", "-out", privatePem.toString())).isZero();
        Path message = Files.writeString(dir.resolve("msg.txt"), "checkpoint body\n");
        Path signature = dir.resolve("msg.sig");
        assertThat(openssl("pkeyutl", "-sign", "-rawin", "-inkey", privatePem.toString(), "-in", message.toString(),
                "-out", signature.toString())).isZero();
        LogSigningKey key = LogSigningKey.fromPem("log", Files.readString(privatePem));
        assertThat(key.publicKey().verify(Files.readAllBytes(message), Files.readAllBytes(signature))).isTrue();
        assertThat(key.sign(Files.readAllBytes(message))).isEqualTo(Files.readAllBytes(signature));
    }

    private int openssl(String... arguments) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(concat("openssl", arguments)).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("openssl.log").toFile()).start();
            return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    private static List<String> concat(String first, String... rest) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(first), java.util.Arrays.stream(rest)).toList();
    }
}
