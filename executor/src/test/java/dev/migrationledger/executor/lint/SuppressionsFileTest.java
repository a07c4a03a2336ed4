package dev.migrationledger.executor.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationledger.ledger.domain.Checksum;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ledger-suppressions.json version 1: what it looks like on disk, and every way it can be wrong. */
class SuppressionsFileTest {

    private static final String SUM = Checksum.ofBytes("x".getBytes(StandardCharsets.UTF_8)).hex();

    @TempDir
    Path dir;

    @Test
    void writesASortedVersionedDocumentThatReadsBackTheSame() throws IOException {
        Suppressions suppressions = Suppressions.of(List.of(
                        new Finding("ML031-rename-column", Severity.ERROR, "V2__b.sql", 3, "m", "a"),
                        new Finding("ML001-drop-table", Severity.ERROR, "V2__b.sql", 1, "m", "a"),
                        new Finding("ML001-drop-table", Severity.ERROR, "V10__a.sql", 1, "m", "a")),
                Map.of("V2__b.sql", new Checksum(SUM), "V10__a.sql", new Checksum(SUM)));
        Path file = dir.resolve("ledger-suppressions.json");

        SuppressionsFile.write(suppressions, file);

        assertThat(Files.readString(file)).isEqualToIgnoringWhitespace("""
                {"version": 1, "files": {
                  "V10__a.sql": {"checksum": "%1$s", "rules": {"ML001-drop-table": {"count": 1}}},
                  "V2__b.sql": {"checksum": "%1$s", "rules": {"ML001-drop-table": {"count": 1}, "ML031-rename-column": {"count": 1}}}}}
                """.formatted(SUM)).endsWith("\n");
        Suppressions read = SuppressionsFile.read(file, Linter.ALL_RULES);
        assertThat(read.files()).isEqualTo(suppressions.files());
        try (var leftovers = Files.list(dir)) {
            assertThat(leftovers).as("no temporary file left behind").hasSize(1);
        }
    }

    @Test
    void aFileWithoutFilesSuppressesNothing() {
        assertThat(SuppressionsFile.parse("s.json", "{\"version\": 1}", Linter.ALL_RULES).files()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not JSON                 | {\"version\": 1,                                        | not valid JSON",
            "trailing content         | {\"version\": 1} {}                                     | not valid JSON",
            "duplicate key            | {\"version\": 1, \"version\": 1}                        | not valid JSON",
            "an array                 | []                                                      | the document must be an object",
            "no version               | {\"files\": {}}                                         | \"version\": 1 is required",
            "another version          | {\"version\": 2}                                        | \"version\": 1 is required",
            "unknown key              | {\"version\": 1, \"ignore\": true}                      | unknown key \"ignore\"",
            "files not an object      | {\"version\": 1, \"files\": []}                         | \"files\" must be an object",
            "blank path               | {\"version\": 1, \"files\": {\" \": {}}}               | a file path is required",
            "entry not an object      | {\"version\": 1, \"files\": {\"V1__a.sql\": 3}}         | must be an object with \"checksum\" and \"rules\"",
            "no checksum              | {\"version\": 1, \"files\": {\"V1__a.sql\": {\"rules\": {\"ML001\": {\"count\": 1}}}}} | .checksum: a checksum is 64",
            "checksum not hex         | {\"version\": 1, \"files\": {\"V1__a.sql\": {\"checksum\": \"abc\", \"rules\": {}}}} | .checksum: a checksum is 64",
            "no rules                 | {\"version\": 1, \"files\": {\"V1__a.sql\": {\"checksum\": \"SUM\"}}} | .rules must be an object",
            "unknown rule             | {\"version\": 1, \"files\": {\"V1__a.sql\": {\"checksum\": \"SUM\", \"rules\": {\"ML999\": {\"count\": 1}}}}} | no lint rule is called 'ML999'",
            "count zero               | {\"version\": 1, \"files\": {\"V1__a.sql\": {\"checksum\": \"SUM\", \"rules\": {\"ML001\": {\"count\": 0}}}}} | .count must be a whole number of at least 1",
            "count fractional         | {\"version\": 1, \"files\": {\"V1__a.sql\": {\"checksum\": \"SUM\", \"rules\": {\"ML001\": {\"count\": 1.5}}}}} | .count must be a whole number",
            "count huge               | {\"version\": 1, \"files\": {\"V1__a.sql\": {\"checksum\": \"SUM\", \"rules\": {\"ML001\": {\"count\": 99999999999}}}}} | .count must be a whole number",
            "count as text            | {\"version\": 1, \"files\": {\"V1__a.sql\": {\"checksum\": \"SUM\", \"rules\": {\"ML001\": {\"count\": \"1\"}}}}} | .count must be a whole number",
            "rule twice by two names  | {\"version\": 1, \"files\": {\"V1__a.sql\": {\"checksum\": \"SUM\", \"rules\": {\"ML029\": {\"count\": 1}, \"require-timeout-settings\": {\"count\": 1}}}}} | names ML029-lock-timeout twice",
    })
    void everyMistakeIsAConfigurationErrorThatSaysWhere(String what, String json, String message) {
        assertThatThrownBy(() -> SuppressionsFile.parse("ledger-suppressions.json", json.replace("SUM", SUM), Linter.ALL_RULES))
                .as(what)
                .isInstanceOf(LintConfigException.class)
                .hasMessageStartingWith("ledger-suppressions.json: ")
                .hasMessageContaining(message);
    }

    @Test
    void aMissingFileNamedExplicitlyIsAConfigurationError() {
        assertThatThrownBy(() -> SuppressionsFile.read(dir.resolve("absent.json"), Linter.ALL_RULES))
                .isInstanceOf(LintConfigException.class)
                .hasMessageContaining("does not exist; write it with ledger lint --suppress-all");
    }
}
