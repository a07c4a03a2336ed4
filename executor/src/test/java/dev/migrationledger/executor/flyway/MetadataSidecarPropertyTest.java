package dev.migrationledger.executor.flyway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationledger.executor.testing.HostileText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever {@code ledger-metadata.toml} holds — random bytes, a valid file mutated, random TOML of any shape,
 * nesting deeper than any parser's stack — reading it either succeeds or is a usage error naming the file; never
 * another exception. (Plain JUnit over seeded random inputs: the Jazzer wiring of issue 20 is not on main yet.)
 */
class MetadataSidecarPropertyTest {

    private static final String VALID = MetadataSidecarTest.SAMPLE + """

            [migrations."R__view"]
            ticket = "OPS-13"
            """;
    private static final String[] FRAGMENTS = {"[", "]", "[[", "]]", "\"", "'", "'''", "\"\"\"", "=", ".", "\n", "#",
            "{", "}", ",", "1979-05-27T07:32:00Z", "inf", "nan", "0x1F", "1e999", "\\u0000", "\\", "migrations",
            "version", "class", "\"2.1\"", "true", "-", "+", "\u2028", "\uFEFF", "[migrations.", "a.b.c"};
    private static final String[] WORDS = {"version", "migrations", "1", "2.1", "R__view", "class", "risk", "phase",
            "expands", "rollback", "ticket", "author", "owner", "destructive", "high", "contract", "down"};

    @TempDir
    Path dir;

    /** @return whether the text was read (rather than refused) */
    private static boolean readsOrRefuses(String text, long seed) {
        try {
            MetadataSidecar.parse(text);
            return true;
        } catch (MigrationDirectoryException refused) {
            assertThat(refused.getMessage()).as("seed %d: %s", seed, text).startsWith(MetadataSidecar.FILE_NAME + ": ");
            return false;
        } catch (RuntimeException | StackOverflowError crash) {
            throw new AssertionError("seed " + seed + " crashed the reader on: " + HostileText.shown(text), crash);
        }
    }

    @Test
    void randomBytesAreReadOrRefusedNeverCrash() {
        long base = HostileText.seed();
        for (int i = 0; i < 1_000; i++) {
            readsOrRefuses(HostileText.randomBytes(new Random(base + i), 200), base + i);
        }
    }

    @Test
    void mutationsOfAValidFileAreReadOrRefused() {
        long base = HostileText.seed();
        int read = 0;
        for (int i = 0; i < 1_500; i++) {
            read += readsOrRefuses(HostileText.mutate(VALID, new Random(base + i), FRAGMENTS), base + i) ? 1 : 0;
        }
        assertThat(read).as("some mutations (in a ticket, a comment…) still make a valid file").isBetween(1, 1_499);
    }

    /** TOML's inline tables are JSON-like, so random JSON shapes become random TOML values of every kind. */
    @Test
    void randomValuesOfEveryShapeAreReadOrRefused() {
        long base = HostileText.seed();
        for (int i = 0; i < 1_500; i++) {
            Random random = new Random(base + i);
            String value = HostileText.randomJson(random, 3, WORDS).replace("\":", "\" =").replace("null", "\"\"");
            String key = WORDS[random.nextInt(WORDS.length)];
            readsOrRefuses("version = 1\n[migrations.\"" + WORDS[random.nextInt(WORDS.length)] + "\"]\n" + key + " = " + value
                    + "\n", base + i);
        }
    }

    @Test
    void pathologicalFilesAreRefusedNotOverflowed() {
        readsOrRefuses("a = " + "[".repeat(100_000), 0);
        readsOrRefuses("a = " + "{b = ".repeat(50_000) + "1" + "}".repeat(50_000), 0);
        readsOrRefuses("[" + "a.".repeat(50_000) + "b]", 0);
        readsOrRefuses("version = 1\n[migrations.\"" + "1.".repeat(5_000) + "1\"]\nrisk = \"low\"", 0);
        readsOrRefuses("version = " + "9".repeat(5_000), 0);
        readsOrRefuses("version = 1\n[migrations.\"1\"]\nticket = \"" + "x".repeat(1_000_000) + "\"", 0);
    }

    @Test
    void anOversizedFileIsRefusedBeforeItIsRead() throws IOException {
        Files.writeString(dir.resolve("V1__init.sql"), "SELECT 1;");
        Files.writeString(dir.resolve(MetadataSidecar.FILE_NAME), "# " + "x".repeat((int) MetadataSidecar.MAX_BYTES));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MigrationDirectory.read(dir))
                .isInstanceOf(MigrationDirectoryException.class)
                .hasMessageStartingWith(MetadataSidecar.FILE_NAME + " is not a file of at most");
    }
}
