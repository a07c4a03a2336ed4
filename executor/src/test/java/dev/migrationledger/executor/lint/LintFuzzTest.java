package dev.migrationledger.executor.lint;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.migrationledger.executor.flyway.MigrationDirectory;
import dev.migrationledger.executor.flyway.MigrationDirectoryException;
import dev.migrationledger.executor.flyway.MigrationFileName;
import dev.migrationledger.executor.flyway.MigrationScript;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code ledger lint} on one script of any bytes: reading (strict UTF-8, header, statements, classification)
 * and every rule. What must hold: bytes that are no script (binary, not UTF-8, an unclosed quote) are the
 * documented usage error, a MigrationDirectoryException (exit 2); any other script is linted without an
 * exception, and every finding names its rule, the file and a line of the script, and says what to do.
 */
class LintFuzzTest {

    private static final String FILE = "V7__fuzz.sql";
    private static final MigrationFileName NAME = MigrationFileName.parse(FILE).orElseThrow();
    private static final Linter LINTER = Linter.withAllRules();

    @FuzzTest
    void everyScriptIsLintedOrRefusedAsUnreadable(byte[] bytes) {
        MigrationScript script;
        try {
            script = MigrationDirectory.script(Path.of(FILE), FILE, NAME, bytes);
        } catch (MigrationDirectoryException unreadable) {
            return;
        }
        int lines = script.text().split("\n", -1).length;
        for (Finding finding : LINTER.lint(MigrationDirectory.of(Path.of("."), List.of(script)))) {
            if (finding.ruleId() == null || finding.severity() == null || !FILE.equals(finding.file())
                    || finding.line() < 1 || finding.line() > lines || finding.message() == null
                    || finding.message().isBlank() || finding.advice() == null || finding.advice().isBlank()) {
                throw new AssertionError("a finding names its rule, the file, a line of the script and advice: "
                        + finding.format());
            }
        }
    }
}
