package dev.migrationledger.executor.sql;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The splitter and the statement analyzer behind lint, on any text (a script is whatever a developer
 * committed). What must hold: splitting never fails; every statement is a piece of the script, in order,
 * on the line it starts on, its {@code code} the same length and line breaks as its text; the strict
 * split either agrees or names an unclosed quote or comment; the analyzer reads every statement and
 * places each finding inside it.
 */
class SqlSplitterFuzzTest {

    @FuzzTest
    // libFuzzer dictionary syntax: a quote, a backslash and a line break are written escaped
    @DictionaryEntries({"--", "/*", "*/", "'", "''", "E'", "\\\\'", "\\\"", "$$", "$tag$", ";", "(", ")", "\\x0A",
            "CREATE TABLE ", "CREATE INDEX CONCURRENTLY ", "ALTER TABLE t ", "DROP COLUMN ", "RENAME TO ",
            "DROP TABLE ", "INSERT INTO t VALUES (", "UPDATE t SET ", "DELETE FROM t", "TRUNCATE ", " WHERE ",
            "DO $$ BEGIN ", " END $$", "SET ", "current_setting(", "WITH x AS (", "SELECT ", "ONLY ", "IF EXISTS "})
    void splitsAndAnalyzesAnyScript(byte[] input) {
        String sql = new String(input, StandardCharsets.UTF_8);
        List<SqlStatement> statements = SqlSplitter.split(sql);
        int from = 0;
        int previousLine = 1;
        for (SqlStatement statement : statements) {
            String text = statement.text();
            check(!text.isBlank() && text.equals(text.stripTrailing()), "a statement is trimmed text", statement);
            int at = startOf(sql, statement, from);
            check(at >= from, "a statement is a piece of the script, after the one before, on the line it names",
                    statement);
            check(statement.line() >= previousLine, "statements come in order", statement);
            check(statement.code().length() == text.length(), "code is as long as the text", statement);
            for (int i = 0; i < text.length(); i++) {
                check((statement.code().charAt(i) == '\n') == (text.charAt(i) == '\n'), "code keeps the line breaks", statement);
            }
            from = at + text.length();
            previousLine = statement.line();
        }
        try {
            if (!SqlSplitter.splitStrict(sql).equals(statements)) {
                throw new AssertionError("the strict split differs from the split");
            }
        } catch (IllegalArgumentException unclosed) {
            if (!unclosed.getMessage().contains("is never closed")) {
                throw new AssertionError("the strict split refuses only unclosed quotes and comments", unclosed);
            }
        }
        for (SqlStatement statement : statements) {
            int lastLine = statement.line() + lineBreaks(statement.text(), 0, statement.text().length());
            for (SchemaChange change : StatementAnalyzer.analyze(statement)) {
                check(change.kind() != null && change.line() >= statement.line() && change.line() <= lastLine,
                        "a change lies inside its statement: " + change, statement);
            }
        }
    }

    private static void check(boolean holds, String rule, SqlStatement statement) {
        if (!holds) {
            throw new AssertionError(rule + ": line " + statement.line() + " «" + statement.text() + "»");
        }
    }

    /** Where the statement's text occurs at or after {@code from} on its line; -1 if nowhere. */
    private static int startOf(String sql, SqlStatement statement, int from) {
        for (int at = sql.indexOf(statement.text(), from); at >= 0; at = sql.indexOf(statement.text(), at + 1)) {
            if (1 + lineBreaks(sql, 0, at) == statement.line()) {
                return at;
            }
        }
        return -1;
    }

    private static int lineBreaks(String text, int from, int to) {
        int lines = 0;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '\n') {
                lines++;
            }
        }
        return lines;
    }
}
