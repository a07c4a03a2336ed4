package dev.migrationledger.executor.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlSplitterTest {

    @Test
    void splitsOnTopLevelSemicolonsAndTracksStartingLines() {
        List<SqlStatement> statements = SqlSplitter.split("""
                -- leading comment; not a statement
                CREATE TABLE a (id int);

                /* block */ INSERT INTO a
                  VALUES (1);
                SELECT 1""");

        assertThat(statements).extracting(SqlStatement::line).containsExactly(2, 4, 6);
        assertThat(statements.get(1).text()).isEqualTo("INSERT INTO a\n  VALUES (1)");
        assertThat(statements.get(2).text()).isEqualTo("SELECT 1");
    }

    @Test
    void dollarQuotedBodiesKeepTheirSemicolonsAndAreBlankedInCode() {
        List<SqlStatement> statements = SqlSplitter.split("""
                CREATE FUNCTION f() RETURNS void AS $$
                BEGIN
                  DROP TABLE users;
                END;
                $$ LANGUAGE plpgsql;
                DO $body$ BEGIN EXECUTE 'x;'; END $body$;
                SELECT 2;""");

        assertThat(statements).hasSize(3);
        assertThat(statements.get(0).text()).contains("DROP TABLE users;");
        assertThat(statements.get(0).code()).doesNotContain("DROP").contains("$$").contains("LANGUAGE plpgsql");
        assertThat(statements.get(1).line()).isEqualTo(6);
        assertThat(statements.get(2).line()).isEqualTo(7);
    }

    @Test
    void differentDollarTagsDoNotCloseEachOther() {
        List<SqlStatement> statements = SqlSplitter.split(
                "CREATE FUNCTION g() RETURNS text AS $outer$ SELECT $$;$$ $outer$ LANGUAGE sql; SELECT 3;");

        assertThat(statements).hasSize(2);
        assertThat(statements.get(0).text()).endsWith("LANGUAGE sql");
    }

    @Test
    void positionalParametersAreNotDollarQuotes() {
        List<SqlStatement> statements = SqlSplitter.split("PREPARE p AS SELECT $1, a$b FROM t; SELECT 4;");

        assertThat(statements).hasSize(2);
    }

    @Test
    void stringsWithDoubledQuotesAndEscapeStringsHideSemicolonsAndDdl() {
        List<SqlStatement> statements = SqlSplitter.split("""
                INSERT INTO notes VALUES ('it''s; DROP TABLE x;');
                INSERT INTO notes VALUES (E'back\\'slash; DROP TABLE y;');
                SELECT 5;""");

        assertThat(statements).hasSize(3);
        assertThat(statements.get(0).code()).doesNotContain("DROP");
        assertThat(statements.get(1).code()).doesNotContain("DROP");
    }

    @Test
    void quotedIdentifiersMayContainSemicolons() {
        List<SqlStatement> statements = SqlSplitter.split("CREATE TABLE \"odd;name\" (id int); SELECT 6;");

        assertThat(statements).hasSize(2);
        assertThat(statements.get(0).text()).isEqualTo("CREATE TABLE \"odd;name\" (id int)");
    }

    @Test
    void nestedBlockCommentsEndOnlyAtTheirOwnClose() {
        List<SqlStatement> statements = SqlSplitter.split("/* outer /* inner; */ still comment; DROP TABLE z; */ SELECT 7;");

        assertThat(statements).hasSize(1);
        assertThat(statements.get(0).code()).doesNotContain("DROP").contains("SELECT 7");
    }

    @Test
    void semicolonsInsideParenthesesBelongToARuleBody() {
        List<SqlStatement> statements = SqlSplitter.split(
                "CREATE RULE r AS ON INSERT TO v DO INSTEAD (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2)); SELECT 8;");

        assertThat(statements).hasSize(2);
    }

    @Test
    void codeKeepsOffsetsAndLineBreaksOfTheText() {
        SqlStatement statement = SqlSplitter.split("SELECT 'a\nb', -- c\n x").get(0);

        assertThat(statement.code()).hasSameSizeAs(statement.text());
        assertThat(statement.lineAt(statement.code().indexOf('x'))).isEqualTo(3);
    }
}
