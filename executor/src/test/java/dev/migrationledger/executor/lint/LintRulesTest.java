package dev.migrationledger.executor.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationledger.executor.flyway.MigrationDirectory;
import dev.migrationledger.executor.lint.rules.ColumnTypeChangeRule;
import dev.migrationledger.executor.lint.rules.DropColumnRule;
import dev.migrationledger.executor.lint.rules.DropTableRule;
import dev.migrationledger.executor.lint.rules.HeaderRule;
import dev.migrationledger.executor.lint.rules.IndexWithoutConcurrentlyRule;
import dev.migrationledger.executor.lint.rules.NotNullColumnWithoutDefaultRule;
import dev.migrationledger.executor.lint.rules.RenameAndDropRule;
import dev.migrationledger.executor.lint.rules.RuntimeSettingRule;
import dev.migrationledger.executor.lint.rules.SeedDataRule;
import dev.migrationledger.executor.lint.rules.SetNotNullRule;
import dev.migrationledger.executor.lint.rules.UnderstatedClassRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LintRulesTest {

    @TempDir
    Path dir;

    private List<Finding> lint(String sql) throws IOException {
        Files.writeString(dir.resolve("V7__under_test.sql"), sql);
        return Linter.withAllRules().lint(MigrationDirectory.read(dir));
    }

    private List<Finding> lint(String ruleId, String sql) throws IOException {
        return lint(sql).stream().filter(f -> f.ruleId().equals(ruleId)).toList();
    }

    @Test
    void dropTableIsAnErrorNamingFileAndLine() throws IOException {
        assertThat(lint(DropTableRule.ID, "SELECT 1;\nDROP TABLE orders;")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.file()).isEqualTo("V7__under_test.sql");
            assertThat(f.line()).isEqualTo(2);
            assertThat(f.format()).startsWith("V7__under_test.sql:2: ERROR ML001-drop-table drops table orders");
        });
    }

    @Test
    void dropTableDeclaredAsAContractStepIsAWarning() throws IOException {
        assertThat(lint(DropTableRule.ID, "-- ledger: phase=contract expands=6 class=destructive\nDROP TABLE orders;"))
                .singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
    }

    @Test
    void dropTableTextInsideFunctionBodiesStringsAndCommentsIsNotReported() throws IOException {
        assertThat(lint("""
                CREATE FUNCTION cleanup() RETURNS void AS $$ BEGIN DROP TABLE orders; END $$ LANGUAGE plpgsql;
                CREATE FUNCTION tagged() RETURNS void AS $body$ BEGIN DROP TABLE x; ALTER TABLE y DROP COLUMN z; END $body$ LANGUAGE plpgsql;
                DO $$ BEGIN EXECUTE 'DROP TABLE orders'; END $$;
                -- DROP TABLE orders;
                /* DROP TABLE orders; /* nested */ ALTER TABLE t DROP COLUMN c; */
                COMMENT ON TABLE t IS 'DROP TABLE orders; ALTER TABLE t DROP COLUMN c';""")
                .stream().filter(f -> f.severity() == Severity.ERROR)).isEmpty();
    }

    @Test
    void aTableCreatedAndDroppedInOneScriptIsScratchSpace() throws IOException {
        assertThat(lint(DropTableRule.ID, "CREATE TABLE tmp_ids (id int);\nDROP TABLE tmp_ids;")).isEmpty();
    }

    @Test
    void dropColumnIsAnError() throws IOException {
        assertThat(lint(DropColumnRule.ID, "ALTER TABLE users DROP COLUMN legacy_flag;")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("users.legacy_flag"));
        assertThat(lint(DropColumnRule.ID, "ALTER TABLE users DROP CONSTRAINT users_pk;")).isEmpty();
    }

    @Test
    void renameAndDropOfTheSameColumnInOneScriptIsAnError() throws IOException {
        assertThat(lint(RenameAndDropRule.ID, """
                ALTER TABLE users RENAME COLUMN email TO email_old;
                ALTER TABLE users DROP COLUMN email_old;"""))
                .singleElement().satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.ERROR);
                    assertThat(f.line()).isEqualTo(2);
                });
    }

    @Test
    void renameAndDropOfTheSameTableInOneScriptIsAnError() throws IOException {
        assertThat(lint(RenameAndDropRule.ID, "ALTER TABLE orders RENAME TO orders_old;\nDROP TABLE orders_old;"))
                .hasSize(1);
    }

    @Test
    void renameAloneOrDropOfAnotherObjectIsNotRenameAndDrop() throws IOException {
        assertThat(lint(RenameAndDropRule.ID, """
                ALTER TABLE users RENAME COLUMN email TO mail;
                ALTER TABLE users DROP COLUMN phone;""")).isEmpty();
    }

    @Test
    void columnTypeChangeOnAnExistingTableIsAWarning() throws IOException {
        assertThat(lint(ColumnTypeChangeRule.ID, "ALTER TABLE runs ALTER COLUMN started TYPE timestamptz;"))
                .singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
        assertThat(lint(ColumnTypeChangeRule.ID,
                "CREATE TABLE runs (started timestamp);\nALTER TABLE runs ALTER COLUMN started TYPE timestamptz;"))
                .isEmpty();
    }

    @Test
    void setNotNullOnAnExistingTableIsAWarning() throws IOException {
        assertThat(lint(SetNotNullRule.ID, "ALTER TABLE jobs ALTER COLUMN name SET NOT NULL;")).hasSize(1);
        assertThat(lint(SetNotNullRule.ID, "ALTER TABLE jobs ALTER COLUMN name DROP NOT NULL;")).isEmpty();
    }

    @Test
    void notNullColumnWithoutDefaultOnAnExistingTableIsAnError() throws IOException {
        assertThat(lint(NotNullColumnWithoutDefaultRule.ID, "ALTER TABLE jobs ADD COLUMN owner text NOT NULL;"))
                .singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.ERROR));
        assertThat(lint(NotNullColumnWithoutDefaultRule.ID,
                "ALTER TABLE jobs ADD COLUMN owner text NOT NULL DEFAULT 'nobody';")).isEmpty();
        assertThat(lint(NotNullColumnWithoutDefaultRule.ID,
                "CREATE TABLE jobs (id int);\nALTER TABLE jobs ADD COLUMN owner text NOT NULL;")).isEmpty();
    }

    @Test
    void indexWithoutConcurrentlyOnAnExistingTableIsAWarning() throws IOException {
        assertThat(lint(IndexWithoutConcurrentlyRule.ID, "CREATE INDEX runs_created ON runs (created_at);"))
                .singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
    }

    @Test
    void indexCreatedConcurrentlyOrOnANewTableIsNotReported() throws IOException {
        assertThat(lint(IndexWithoutConcurrentlyRule.ID,
                "CREATE INDEX CONCURRENTLY lineage_events_event_time\n    on lineage_events(event_time DESC);"))
                .isEmpty();
        assertThat(lint(IndexWithoutConcurrentlyRule.ID,
                "CREATE TABLE t (id int);\nCREATE UNIQUE INDEX t_id ON t (id);")).isEmpty();
    }

    @Test
    void literalRowsInASchemaMigrationAreSeedData() throws IOException {
        assertThat(lint(SeedDataRule.ID,
                "CREATE TABLE users (name text);\nINSERT INTO users (name) VALUES ('test-user');"))
                .singleElement().satisfies(f -> assertThat(f.line()).isEqualTo(2));
    }

    @Test
    void backfillsAndDataOnlyScriptsAreNotSeedData() throws IOException {
        assertThat(lint(SeedDataRule.ID,
                "ALTER TABLE users ADD COLUMN n text;\nINSERT INTO archive SELECT * FROM users;")).isEmpty();
        assertThat(lint(SeedDataRule.ID, "INSERT INTO countries (code) VALUES ('FR'), ('DE');")).isEmpty();
    }

    @Test
    void schemaShapingSessionSettingsAndSettingReadsAreReported() throws IOException {
        assertThat(lint(RuntimeSettingRule.ID, """
                SET search_path TO tenant_a;
                CREATE TABLE t (tenant text DEFAULT current_setting('app.tenant'));"""))
                .extracting(Finding::line).containsExactly(1, 2);
    }

    @Test
    void timeoutsAndSettingsReadInsideFunctionBodiesAreNotReported() throws IOException {
        assertThat(lint(RuntimeSettingRule.ID, """
                SET lock_timeout = '5s';
                CREATE FUNCTION tenant() RETURNS text AS $$ SELECT current_setting('app.tenant') $$ LANGUAGE sql;
                -- SET search_path TO x;"""))
                .isEmpty();
    }

    @Test
    void headerProblemsAreReportedAtTheirLine() throws IOException {
        assertThat(lint(HeaderRule.ID, "-- ledger: risk=low\n--   phase=sideways mood=ok\nSELECT 1;"))
                .extracting(Finding::severity, Finding::line)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(Severity.ERROR, 2),
                        org.assertj.core.groups.Tuple.tuple(Severity.WARNING, 2));
        assertThat(lint(HeaderRule.ID, "-- ledger: risk=low\nSELECT 1;")).isEmpty();
    }

    @Test
    void aHeaderUnderstatingADestructiveScriptIsAnError() throws IOException {
        assertThat(lint(UnderstatedClassRule.ID, "-- ledger: class=additive\nTRUNCATE orders;"))
                .singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.ERROR));
        assertThat(lint(UnderstatedClassRule.ID, "-- ledger: class=transformative\nUPDATE t SET a = 1 WHERE b;"))
                .isEmpty();
    }

    @Test
    void misnamedSqlFilesAreReported() throws IOException {
        Files.writeString(dir.resolve("V8_missing_separator.sql"), "SELECT 1;");

        assertThat(lint(Linter.IGNORED_FILE_ID, "SELECT 1;")).singleElement()
                .satisfies(f -> assertThat(f.file()).isEqualTo("V8_missing_separator.sql"));
    }
}
