package dev.migrationledger.executor.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationledger.ledger.domain.ChangeClass;
import dev.migrationledger.ledger.domain.Risk;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementAnalyzerTest {

    private static List<SchemaChange> changes(String sql) {
        return StatementAnalyzer.analyzeAll(SqlSplitter.split(sql));
    }

    private static List<ChangeKind> kinds(String sql) {
        return changes(sql).stream().map(SchemaChange::kind).toList();
    }

    @Test
    void readsDropsOfEveryListedTable() {
        assertThat(changes("DROP TABLE IF EXISTS a, public.\"B\" CASCADE;"))
                .extracting(SchemaChange::kind, SchemaChange::object)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ChangeKind.DROP_TABLE, "a"),
                        org.assertj.core.groups.Tuple.tuple(ChangeKind.DROP_TABLE, "B"));
    }

    @Test
    void readsAlterTableActions() {
        assertThat(kinds("""
                ALTER TABLE t ADD COLUMN a int NOT NULL, ADD COLUMN b int NOT NULL DEFAULT 0,
                  ALTER COLUMN c TYPE bigint, ALTER COLUMN d SET NOT NULL, DROP COLUMN e;"""))
                .containsExactly(ChangeKind.ADD_COLUMN_NOT_NULL_WITHOUT_DEFAULT, ChangeKind.ADD_COLUMN,
                        ChangeKind.ALTER_TYPE, ChangeKind.SET_NOT_NULL, ChangeKind.DROP_COLUMN);
    }

    @Test
    void renameIsItsOwnStatementInPostgres() {
        assertThat(changes("ALTER TABLE t RENAME COLUMN f TO g;").get(0))
                .isEqualTo(new SchemaChange(ChangeKind.RENAME_COLUMN, "t", "f", "g", 1));
    }

    @Test
    void concurrentIndexIsRecognisedThroughKeywords() {
        assertThat(kinds("CREATE INDEX CONCURRENTLY i ON t (a); CREATE UNIQUE INDEX j ON t (b);"))
                .containsExactly(ChangeKind.CREATE_INDEX_CONCURRENTLY, ChangeKind.CREATE_INDEX);
    }

    @Test
    void deleteWithoutWhereIsDestructiveThroughTheSyntaxTree() {
        assertThat(kinds("DELETE FROM t; DELETE FROM t WHERE id IN (SELECT id FROM u);"))
                .containsExactly(ChangeKind.DELETE_ALL, ChangeKind.DELETE);
    }

    @Test
    void insertValuesIsToldFromInsertSelect() {
        assertThat(kinds("INSERT INTO t (a) VALUES (1); INSERT INTO t (a) SELECT a FROM u;"))
                .containsExactly(ChangeKind.INSERT_VALUES, ChangeKind.INSERT_SELECT);
    }

    @Test
    void ddlInsideFunctionBodiesStringsAndCommentsIsNotTopLevel() {
        assertThat(kinds("""
                CREATE OR REPLACE FUNCTION purge() RETURNS void AS $fn$
                BEGIN DROP TABLE users; TRUNCATE orders; END $fn$ LANGUAGE plpgsql;
                -- DROP TABLE comments;
                COMMENT ON TABLE t IS 'DROP TABLE strings;';"""))
                .containsExactly(ChangeKind.CREATE_OTHER, ChangeKind.GRANT_OR_COMMENT);
    }

    @Test
    void doBlocksCannotBeSeenIntoSoTheyCountAsTransformative() {
        assertThat(kinds("DO $$ BEGIN DROP TABLE x; END $$;")).containsExactly(ChangeKind.OPAQUE_BLOCK);
    }

    @Test
    void theMostDangerousStatementDecidesTheAssessment() {
        assertThat(Assessment.of(changes("CREATE TABLE a (id int); UPDATE b SET x = 1 WHERE y; DROP TABLE c;")))
                .isEqualTo(new Assessment(ChangeClass.DESTRUCTIVE, Risk.HIGH));
        assertThat(Assessment.of(changes("ALTER TABLE b RENAME TO c;")))
                .isEqualTo(new Assessment(ChangeClass.TRANSFORMATIVE, Risk.MEDIUM));
        assertThat(Assessment.of(changes("CREATE TABLE a (id int); ALTER TABLE a ADD COLUMN n text;")))
                .isEqualTo(new Assessment(ChangeClass.ADDITIVE, Risk.LOW));
    }

    @Test
    void settingsAreReadOnlyOutsideFunctionBodies() {
        assertThat(kinds("SET search_path TO app; CREATE VIEW v AS SELECT current_setting('app.tenant');"))
                .containsExactly(ChangeKind.SESSION_SETTING, ChangeKind.CREATE_OTHER, ChangeKind.READ_SETTING);
        assertThat(kinds("CREATE FUNCTION f() RETURNS text AS $$ SELECT current_setting('x') $$ LANGUAGE sql;"))
                .containsExactly(ChangeKind.CREATE_OTHER);
    }
}
