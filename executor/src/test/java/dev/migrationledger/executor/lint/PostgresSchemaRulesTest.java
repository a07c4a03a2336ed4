package dev.migrationledger.executor.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationledger.executor.flyway.MigrationDirectory;
import dev.migrationledger.executor.lint.rules.AlterDomainConstraintRule;
import dev.migrationledger.executor.lint.rules.CharTypeRule;
import dev.migrationledger.executor.lint.rules.CheckNotValidRule;
import dev.migrationledger.executor.lint.rules.CreateDomainConstraintRule;
import dev.migrationledger.executor.lint.rules.DropDatabaseRule;
import dev.migrationledger.executor.lint.rules.DropNotNullRule;
import dev.migrationledger.executor.lint.rules.DuplicateColumnAssignmentRule;
import dev.migrationledger.executor.lint.rules.EnumValueOrderRule;
import dev.migrationledger.executor.lint.rules.IdentifierTooLongRule;
import dev.migrationledger.executor.lint.rules.IntegerKeyRule;
import dev.migrationledger.executor.lint.rules.JsonTypeRule;
import dev.migrationledger.executor.lint.rules.LockTimeoutRule;
import dev.migrationledger.executor.lint.rules.NestedTransactionRule;
import dev.migrationledger.executor.lint.rules.RenameColumnRule;
import dev.migrationledger.executor.lint.rules.RenameEnumValueRule;
import dev.migrationledger.executor.lint.rules.RenameSchemaRule;
import dev.migrationledger.executor.lint.rules.RenameTableRule;
import dev.migrationledger.executor.lint.rules.RobustStatementRule;
import dev.migrationledger.executor.lint.rules.SerialTypeRule;
import dev.migrationledger.executor.lint.rules.TimestampWithoutTimeZoneRule;
import dev.migrationledger.executor.lint.rules.TruncateCascadeRule;
import dev.migrationledger.executor.lint.rules.UnbatchedBackfillRule;
import dev.migrationledger.executor.lint.rules.UncommittedTransactionRule;
import dev.migrationledger.executor.lint.rules.UnqualifiedTableRule;
import dev.migrationledger.executor.lint.rules.VacuumFullRule;
import dev.migrationledger.executor.lint.rules.VarcharLengthRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Renames, dangerous statements, types, data changes and transactions: error forms and safe forms. */
class PostgresSchemaRulesTest {

    @TempDir
    Path dir;

    private List<Finding> lint(String ruleId, String sql) throws IOException {
        Files.writeString(dir.resolve("V7__under_test.sql"), sql);
        return Linter.withAllRules().lint(MigrationDirectory.read(dir)).stream()
                .filter(f -> f.ruleId().equals(ruleId)).toList();
    }

    @Test
    void renamingAColumnOrATableOfAnExistingTableIsAnError() throws IOException {
        assertThat(lint(RenameColumnRule.ID, "ALTER TABLE \"table_name\" RENAME COLUMN \"column_name\" TO \"new_column_name\";"))
                .singleElement().satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.ERROR);
                    assertThat(f.squawk()).isEqualTo("renaming-column");
                });
        assertThat(lint(RenameTableRule.ID, "ALTER TABLE \"table_name\" RENAME TO \"new_table_name\";")).hasSize(1);
        assertThat(lint(RenameColumnRule.ID, "CREATE TABLE t (a int);\nALTER TABLE t RENAME COLUMN a TO b;")).isEmpty();
        assertThat(lint(RenameTableRule.ID, "ALTER TABLE t ADD COLUMN b int;")).isEmpty();
    }

    @Test
    void renamingASchemaOrAnEnumValueIsAnError() throws IOException {
        assertThat(lint(RenameSchemaRule.ID, "ALTER SCHEMA billing RENAME TO invoicing;")).hasSize(1);
        assertThat(lint(RenameSchemaRule.ID, "ALTER SCHEMA billing OWNER TO app;")).isEmpty();
        assertThat(lint(RenameEnumValueRule.ID, "ALTER TYPE status RENAME VALUE 'draft' TO 'proposed';")).hasSize(1);
        assertThat(lint(RenameEnumValueRule.ID, "ALTER TYPE status ADD VALUE 'proposed' AFTER 'draft';")).isEmpty();
    }

    @Test
    void droppingNotNullIsReported() throws IOException {
        assertThat(lint(DropNotNullRule.ID, "ALTER TABLE \"bar_tbl\" ALTER COLUMN \"foo_col\" DROP NOT NULL;"))
                .singleElement().satisfies(f -> assertThat(f.squawk()).isEqualTo("ban-drop-not-null"));
        assertThat(lint(DropNotNullRule.ID, "ALTER TABLE bar_tbl ALTER COLUMN foo_col SET DEFAULT 0;")).isEmpty();
    }

    @Test
    void dropDatabaseTruncateCascadeAndTableRewritesAreReported() throws IOException {
        assertThat(lint(DropDatabaseRule.ID, "DROP DATABASE \"table_name\";")).hasSize(1);
        assertThat(lint(DropDatabaseRule.ID, "DROP TABLE IF EXISTS \"table_name\";")).isEmpty();
        assertThat(lint(TruncateCascadeRule.ID, "truncate a, b, c cascade;")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("a, b, c"));
        assertThat(lint(TruncateCascadeRule.ID, "truncate a, b, c;")).isEmpty();
        assertThat(lint(VacuumFullRule.ID, "VACUUM FULL orders;")).hasSize(1);
        assertThat(lint(VacuumFullRule.ID, "CLUSTER orders USING orders_pkey;")).hasSize(1);
        assertThat(lint(VacuumFullRule.ID, "VACUUM (ANALYZE) orders;")).isEmpty();
    }

    @Test
    void charVarcharTimestampJsonAndSerialTypesAreReportedWithTheirPreferredType() throws IOException {
        String table = """
                CREATE TABLE "core_bar" (
                    "id" serial NOT NULL PRIMARY KEY,
                    "alpha" varchar(100) NOT NULL,
                    "code" char(3),
                    "created" timestamp,
                    "payload" json
                );""";
        assertThat(lint(VarcharLengthRule.ID, table)).singleElement().satisfies(f -> {
            assertThat(f.line()).isEqualTo(3);
            assertThat(f.squawk()).isEqualTo("prefer-text-field");
        });
        assertThat(lint(CharTypeRule.ID, table)).singleElement().satisfies(f -> assertThat(f.line()).isEqualTo(4));
        assertThat(lint(TimestampWithoutTimeZoneRule.ID, table)).singleElement().satisfies(f -> assertThat(f.line()).isEqualTo(5));
        assertThat(lint(JsonTypeRule.ID, table)).singleElement().satisfies(f -> assertThat(f.line()).isEqualTo(6));
        assertThat(lint(SerialTypeRule.ID, table)).singleElement().satisfies(f -> assertThat(f.squawk()).isEqualTo("prefer-identity"));
        assertThat(lint(IntegerKeyRule.ID, table)).singleElement().satisfies(f -> assertThat(f.squawk()).isEqualTo("prefer-bigint-over-int"));
    }

    @Test
    void thePreferredTypesAreNotReported() throws IOException {
        String table = """
                CREATE TABLE core_bar (
                    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
                    alpha text NOT NULL CHECK (length(alpha) <= 100),
                    created timestamptz,
                    payload jsonb,
                    owner_id bigint REFERENCES owners (id),
                    amount integer
                );""";
        for (String id : List.of(VarcharLengthRule.ID, CharTypeRule.ID, TimestampWithoutTimeZoneRule.ID, JsonTypeRule.ID,
                SerialTypeRule.ID, IntegerKeyRule.ID)) {
            assertThat(lint(id, table)).as(id).isEmpty();
        }
        assertThat(lint(IntegerKeyRule.ID, "CREATE TABLE t (parent smallint REFERENCES p (id));")).singleElement()
                .satisfies(f -> assertThat(f.squawk()).isEqualTo("prefer-bigint-over-smallint"));
    }

    @Test
    void domainConstraintsAreReported() throws IOException {
        assertThat(lint(CreateDomainConstraintRule.ID, "CREATE DOMAIN domain_name_3 AS NUMERIC(15,5) CHECK (value > 0);"))
                .hasSize(1);
        assertThat(lint(CreateDomainConstraintRule.ID, "CREATE DOMAIN domain_name_1 AS TEXT;")).isEmpty();
        assertThat(lint(AlterDomainConstraintRule.ID,
                "ALTER DOMAIN domain_name ADD CONSTRAINT constraint_name CHECK (value > 0);")).hasSize(1);
        assertThat(lint(AlterDomainConstraintRule.ID, "ALTER DOMAIN domain_name RENAME TO other_name;")).isEmpty();
    }

    @Test
    void anEnumValueWithoutAPositionIsReported() throws IOException {
        assertThat(lint(EnumValueOrderRule.ID, "ALTER TYPE status ADD VALUE 'pending_review';")).hasSize(1);
        assertThat(lint(EnumValueOrderRule.ID, "ALTER TYPE status ADD VALUE 'pending_review' BEFORE 'approved';")).isEmpty();
    }

    @Test
    void aWholeTableUpdateInASchemaMigrationIsAnUnbatchedBackfill() throws IOException {
        assertThat(lint(UnbatchedBackfillRule.ID, "ALTER TABLE users ADD COLUMN some_column text;\nUPDATE users SET some_column = 'default_value';"))
                .singleElement().satisfies(f -> assertThat(f.line()).isEqualTo(2));
        assertThat(lint(UnbatchedBackfillRule.ID,
                "ALTER TABLE users ADD COLUMN some_column text;\nUPDATE users SET some_column = 'x' WHERE id BETWEEN 1 AND 1000;"))
                .isEmpty();
        assertThat(lint(UnbatchedBackfillRule.ID, "UPDATE users SET some_column = 'default_value';")).isEmpty();
    }

    @Test
    void assigningAColumnTwiceIsAnError() throws IOException {
        assertThat(lint(DuplicateColumnAssignmentRule.ID, "UPDATE t SET a = 1, b = 2, a = 3 WHERE id = 1;"))
                .singleElement().satisfies(f -> assertThat(f.message()).contains("assigns a more than once"));
        assertThat(lint(DuplicateColumnAssignmentRule.ID, "UPDATE t SET a = 1, b = 2 WHERE id = 1;")).isEmpty();
    }

    @Test
    void transactionControlInsideAFlywayMigrationIsReported() throws IOException {
        assertThat(lint(UncommittedTransactionRule.ID, "BEGIN;\nALTER TABLE t ADD COLUMN c int;")).singleElement()
                .satisfies(f -> assertThat(f.line()).isEqualTo(1));
        assertThat(lint(UncommittedTransactionRule.ID, "BEGIN;\nALTER TABLE t ADD COLUMN c int;\nCOMMIT;")).isEmpty();
        assertThat(lint(NestedTransactionRule.ID, "BEGIN;\nBEGIN;\nSELECT 1;\nCOMMIT;\nCOMMIT;"))
                .extracting(Finding::line).containsExactly(1, 2, 4, 5);
        assertThat(lint(NestedTransactionRule.ID, "ALTER TABLE t ADD COLUMN c int;")).isEmpty();
    }

    @Test
    void identifiersOver63BytesAreReportedOnce() throws IOException {
        String longName = "table_very_long_very_long_very_long_very_long_very_long_very_long";
        assertThat(lint(IdentifierTooLongRule.ID, "create table " + longName + " (\n  a_shorter_column_name bigint\n);\n"
                + "alter table " + longName + " add column b int;")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("65 bytes"));
        assertThat(lint(IdentifierTooLongRule.ID, "create table a_shorter_table_name (a_shorter_column_name bigint);")).isEmpty();
    }

    @Test
    void unguardedAndUnqualifiedStatementsAreNotes() throws IOException {
        assertThat(lint(RobustStatementRule.ID, "ALTER TABLE \"app_user\" ADD COLUMN \"email\" integer NULL;"))
                .singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.INFO));
        assertThat(lint(RobustStatementRule.ID, """
                ALTER TABLE "app_user" ADD COLUMN IF NOT EXISTS "email" integer NULL;
                CREATE INDEX CONCURRENTLY IF NOT EXISTS "email_idx" ON "app_user" ("email");
                DROP TABLE IF EXISTS "foo_tbl";""")).isEmpty();
        assertThat(lint(UnqualifiedTableRule.ID, "CREATE TABLE foo (id bigint);")).singleElement()
                .satisfies(f -> assertThat(f.squawk()).isEqualTo("require-table-schema"));
        assertThat(lint(UnqualifiedTableRule.ID, "CREATE TABLE public.foo (id bigint);")).isEmpty();
    }

    @Test
    void statementsInsideFunctionBodiesDoBlocksStringsAndCommentsAreNeverReadAsDdl() throws IOException {
        Files.writeString(dir.resolve("V7__under_test.sql"), """
                CREATE FUNCTION touch() RETURNS trigger AS $$
                BEGIN
                    UPDATE accounts SET seen = now(), seen = now();
                    ALTER TABLE accounts ADD CONSTRAINT c CHECK (balance >= 0);
                    RETURN NEW;
                END
                $$ LANGUAGE plpgsql;
                CREATE FUNCTION quoted() RETURNS void LANGUAGE plpgsql AS 'BEGIN TRUNCATE a CASCADE; END';
                DO $body$ BEGIN EXECUTE 'ALTER TABLE accounts RENAME COLUMN balance TO amount'; END $body$;
                -- ALTER TABLE accounts ADD COLUMN c serial;
                /* VACUUM FULL accounts; */
                COMMENT ON TABLE accounts IS 'DROP DATABASE prod; ALTER TYPE s ADD VALUE ''x''';""");
        assertThat(Linter.withAllRules().lint(MigrationDirectory.read(dir)))
                .extracting(Finding::ruleId)
                .doesNotContain(DuplicateColumnAssignmentRule.ID, UnbatchedBackfillRule.ID, CheckNotValidRule.ID,
                        TruncateCascadeRule.ID, RenameColumnRule.ID, UncommittedTransactionRule.ID,
                        NestedTransactionRule.ID, VacuumFullRule.ID, DropDatabaseRule.ID, EnumValueOrderRule.ID,
                        SerialTypeRule.ID, LockTimeoutRule.ID);
    }
}
