package dev.migrationledger.executor.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationledger.executor.testing.HostileText;
import dev.migrationledger.ledger.domain.Checksum;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever a suppressions file holds — random bytes, a valid file mutated, random JSON of any shape, nesting
 * deeper than any parser's stack — reading it either succeeds with a file that writes back to itself, or is a
 * configuration error naming the file. Never another exception. (Plain JUnit over seeded random inputs: the
 * Jazzer wiring of issue 20 is not on main yet; the failing seed is printed so that a failure can be replayed.)
 */
class SuppressionsFilePropertyTest {

    private static final String NAME = "ledger-suppressions.json";
    private static final String VALID = """
            {"version": 1, "files": {
              "V1__init.sql": {"checksum": "%s", "rules": {"ML001-drop-table": {"count": 2}, "require-timeout-settings": {"count": 1}}},
              "sub/V2__more.sql": {"checksum": "%s", "rules": {"ML031": {"count": 1}}}}}
            """.formatted(Checksum.ofBytes(new byte[] {1}).hex(), Checksum.ofBytes(new byte[] {2}).hex());
    private static final String[] FRAGMENTS = {"{", "}", "[", "]", "\"", ":", ",", "1", "-1", "1e999", "0.5", "null",
            "true", "\"version\"", "\"files\"", "\"checksum\"", "\"rules\"", "\"count\"", "\"ML001\"", "\\u0000", "\\",
            "\"V1__init.sql\"", "99999999999999999999", "\uFEFF", "\u2028", "/*", "NaN"};

    @TempDir
    Path dir;

    /** @return whether the text was read (rather than refused) */
    private static boolean readsOrRefuses(String text, long seed) {
        Suppressions read;
        try {
            read = SuppressionsFile.parse(NAME, text, Linter.ALL_RULES);
        } catch (LintConfigException refused) {
            assertThat(refused.getMessage()).as("seed %d: %s", seed, text).startsWith(NAME + ": ");
            return false;
        } catch (RuntimeException | StackOverflowError crash) {
            throw new AssertionError("seed " + seed + " crashed the reader on: " + HostileText.shown(text), crash);
        }
        read.files().values().forEach(entry -> entry.rules().forEach(rule -> {
            assertThat(rule.count()).as("seed %d", seed).isPositive();
            assertThat(rule.ruleIds()).as("seed %d", seed).isNotEmpty();
        }));
        return true;
    }

    @Test
    void randomBytesAreReadOrRefusedNeverCrash() {
        long base = HostileText.seed();
        for (int i = 0; i < 1_000; i++) {
            long seed = base + i;
            readsOrRefuses(HostileText.randomBytes(new Random(seed), 200), seed);
        }
    }

    @Test
    void mutationsOfAValidFileAreReadOrRefused() {
        long base = HostileText.seed();
        int read = 0;
        for (int i = 0; i < 1_500; i++) {
            long seed = base + i;
            read += readsOrRefuses(HostileText.mutate(VALID, new Random(seed), FRAGMENTS), seed) ? 1 : 0;
        }
        assertThat(read).as("some mutations (in a path, a checksum's case…) still make a valid file").isBetween(1, 1_499);
    }

    @Test
    void randomJsonOfEveryShapeIsReadOrRefused() {
        long base = HostileText.seed();
        for (int i = 0; i < 1_500; i++) {
            long seed = base + i;
            Random random = new Random(seed);
            String files = HostileText.randomJson(random, 4, new String[] {"V1__init.sql", "checksum", "rules", "ML001",
                    "count", "files", "version", Checksum.ofBytes(new byte[] {3}).hex()});
            readsOrRefuses("{\"version\": 1, \"files\": " + files + "}", seed);
        }
    }

    @Test
    void pathologicalDocumentsAreRefusedNotOverflowed() {
        readsOrRefuses("[".repeat(100_000), 0);
        readsOrRefuses("{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000), 0);
        readsOrRefuses("{\"version\": 1, \"files\": {\"" + "x".repeat(1_000_000) + "\": {}}}", 0);
        readsOrRefuses("{\"version\": " + "9".repeat(5_000) + "}", 0);
        readsOrRefuses("", 0);
    }

    @Test
    void aFileThatReadsWritesBackToItself() throws IOException {
        Path file = dir.resolve(NAME);
        Suppressions read = SuppressionsFile.parse(NAME, VALID, Linter.ALL_RULES);

        SuppressionsFile.write(read, file);

        assertThat(SuppressionsFile.read(file, Linter.ALL_RULES).files()).isEqualTo(read.files());
        assertThat(Files.readString(file)).contains("\"require-timeout-settings\"").as("names are kept as written");
    }
}
