package dev.migrationledger.ledger.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The integrity fuzz targets start from genuine files signed with the fixture's fixed key; a mutation of
 * a genuine file is what reaches the deep checks. If the formats change, these seeds must change with
 * them, or fuzzing would quietly stop at the first check: this test says so, and
 * {@code -Dfuzz.seeds.write=true} rewrites them.
 */
class IntegrityFuzzSeedsTest {

    private static final Path RESOURCES = Path.of("src/test/resources/dev/migrationledger/ledger/integrity");

    static Map<Path, byte[]> seeds() {
        ReceiptFixture fixture = new ReceiptFixture();
        byte[] receipt = fixture.receipt().toJson();
        byte[] envelope = ReceiptJson.canonical(DsseEnvelope.sign(DsseEnvelope.IN_TOTO_PAYLOAD_TYPE,
                DsseEnvelopeFuzzTest.PAYLOAD, ReceiptFixture.KEY));
        byte[] note = fixture.checkpoint().serialize().getBytes(StandardCharsets.UTF_8);
        return Map.of(
                seed("ReceiptFuzzTest", "receiptsAreProvenOnlyWhenGenuine"), receipt,
                seed("DsseEnvelopeFuzzTest", "envelopesVerifyOnlyWhatWasSigned"), envelope,
                seed("SignedNoteFuzzTest", "notesAndCheckpointsRoundTripAndVerifyOnlyWhatWasSigned"), note,
                seed("PemKeyFuzzTest", "keysRoundTripThroughPem").resolveSibling("seed-public"),
                PemKeyFuzzTest.withName(ReceiptFixture.KEY.publicKey().toPem()),
                seed("PemKeyFuzzTest", "keysRoundTripThroughPem").resolveSibling("seed-private"),
                PemKeyFuzzTest.withName(ReceiptFixture.KEY.toPem()));
    }

    private static Path seed(String target, String method) {
        return RESOURCES.resolve(target + "Inputs").resolve(method).resolve("seed-genuine");
    }

    @Test
    void theKeptSeedsAreTheFixturesGenuineFiles() throws IOException {
        for (Map.Entry<Path, byte[]> seed : seeds().entrySet()) {
            if (Boolean.getBoolean("fuzz.seeds.write")) {
                Files.createDirectories(seed.getKey().getParent());
                Files.write(seed.getKey(), seed.getValue());
            }
            assertThat(seed.getKey()).as("rewrite with -Dfuzz.seeds.write=true").exists();
            assertThat(Files.readAllBytes(seed.getKey())).as(seed.getKey() + ": rewrite with -Dfuzz.seeds.write=true")
                    .isEqualTo(seed.getValue());
        }
    }

    @Test
    void theGenuineReceiptSeedIsProven() {
        byte[] receipt = seeds().get(seed("ReceiptFuzzTest", "receiptsAreProvenOnlyWhenGenuine"));
        assertThat(new ReceiptVerifier(ReceiptFixture.KEY.publicKey()).verify(receipt, null).proven()).isTrue();
    }
}
