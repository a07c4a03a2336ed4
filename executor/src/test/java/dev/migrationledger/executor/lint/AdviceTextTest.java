package dev.migrationledger.executor.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationledger.executor.flyway.MetadataSidecar;
import dev.migrationledger.executor.flyway.MigrationDirectory;
import dev.migrationledger.executor.testing.MarquezCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lint cannot know whether a script already ran, so no advice may tell the reader to edit the script: it names
 * the safe form of the change, and where metadata must be declared it names the sidecar for scripts that must
 * not change. The scripts below trigger every rule whose advice used to say "remove", "move", "fix" or "declare
 * in the header"; the Marquez corpus adds the findings of a real project.
 */
class AdviceTextTest {

    /** Words that ask for the file to be changed. */
    private static final Pattern EDIT = Pattern.compile(
            "(?i)\\b(edit|fix|remove|shorten)\\b|\\bmove (it|validate)\\b|add the guard|to the leading comment block");

    private static final Map<String, String> SCRIPTS = Map.ofEntries(
            Map.entry("V1__base.sql", "CREATE TABLE orders (id int PRIMARY KEY, note text);"),
            Map.entry("V2__drop_table.sql", "DROP TABLE orders;"),
            Map.entry("V3__drop_column.sql", "ALTER TABLE invoices DROP COLUMN note;"),
            Map.entry("V4__bad_header.sql", "-- ledger: risk=huge\nSELECT 1;\n-- ledger: ticket=LATE-1"),
            Map.entry("V5__understated.sql", "-- ledger: class=additive\nALTER TABLE invoices DROP COLUMN total;"),
            Map.entry("V6__drop_database.sql", "DROP DATABASE legacy;"),
            Map.entry("V7__concurrent_in_tx.sql", "CREATE TABLE t7 (id int);\nCREATE INDEX CONCURRENTLY i7 ON invoices (id);"),
            Map.entry("V8__nested.sql", "BEGIN;\nCREATE TABLE t8 (id int);\nCOMMIT;"),
            Map.entry("V9__uncommitted.sql", "BEGIN;\nCREATE TABLE t9 (id int);"),
            Map.entry("V10__long_name.sql", "CREATE TABLE " + "x".repeat(70) + " (id int);"),
            Map.entry("V11__validate.sql", "ALTER TABLE invoices ADD CONSTRAINT c CHECK (id > 0) NOT VALID;\n"
                    + "ALTER TABLE invoices VALIDATE CONSTRAINT c;"),
            Map.entry("V12__twice.sql", "UPDATE invoices SET a = 1, a = 2 WHERE id = 1;"),
            Map.entry("V13__rename_and_drop.sql", "ALTER TABLE invoices RENAME COLUMN a TO b;\nALTER TABLE invoices DROP COLUMN b;"));

    @TempDir
    Path dir;

    @Test
    void noAdviceAsksToEditTheScript() throws IOException {
        for (Map.Entry<String, String> script : SCRIPTS.entrySet()) {
            Files.writeString(dir.resolve(script.getKey()), script.getValue());
        }
        List<Finding> findings = new ArrayList<>(Linter.withAllRules().lint(MigrationDirectory.read(dir)));
        findings.addAll(Linter.withAllRules().lint(MigrationDirectory.read(MarquezCorpus.dir())));

        assertThat(findings).extracting(Finding::ruleId).contains("ML001-drop-table", "ML002-drop-column", "ML010-header",
                "ML011-understated-class", "ML036-drop-database", "ML026-concurrent-index-in-transaction",
                "ML051-nested-transaction", "ML050-uncommitted-transaction", "ML052-identifier-too-long",
                "ML018-validate-in-same-transaction", "ML049-duplicate-column-assignment", "ML053-missing-if-exists",
                "ML003-rename-and-drop");
        assertThat(findings).allSatisfy(f -> assertThat(f.advice()).as(f.format()).doesNotContainPattern(EDIT));
        assertThat(findings).allSatisfy(f -> assertThat(f.message()).as(f.format()).doesNotContainPattern(EDIT));
    }

    @Test
    void adviceToDeclareMetadataNamesTheSidecarForScriptsThatMustNotChange() throws IOException {
        for (Map.Entry<String, String> script : SCRIPTS.entrySet()) {
            Files.writeString(dir.resolve(script.getKey()), script.getValue());
        }

        assertThat(Linter.withAllRules().lint(MigrationDirectory.read(dir)))
                .filteredOn(f -> List.of("ML001-drop-table", "ML002-drop-column", "ML010-header", "ML011-understated-class")
                        .contains(f.ruleId()))
                .hasSizeGreaterThanOrEqualTo(4)
                .allSatisfy(f -> assertThat(f.advice()).as(f.format())
                        .contains(MetadataSidecar.FILE_NAME).contains("must not change"));
    }
}
