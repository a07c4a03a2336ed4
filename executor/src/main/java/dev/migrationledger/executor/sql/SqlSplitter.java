package dev.migrationledger.executor.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a PostgreSQL script into top-level statements the way psql does: a semicolon ends a
 * statement only outside strings ({@code '…'} with {@code ''} escapes, {@code E'…'} with backslash
 * escapes), quoted identifiers, dollar-quoted bodies ({@code $$…$$}, {@code $tag$…$tag$}), line and
 * (nested) block comments, and outside parentheses (a {@code CREATE RULE … DO (a; b)} body).
 */
public final class SqlSplitter {

    private final String sql;
    private final StringBuilder code;
    private final List<SqlStatement> statements = new ArrayList<>();
    private int pos;
    private int line = 1;
    private int start = -1;
    private int startLine;
    private int parenDepth;
    /** The first quote or comment that runs to the end of the script, described for the user. */
    private String unterminated;

    private SqlSplitter(String sql) {
        this.sql = sql;
        this.code = new StringBuilder(sql.length());
    }

    public static List<SqlStatement> split(String sql) {
        SqlSplitter splitter = new SqlSplitter(sql);
        splitter.run();
        return List.copyOf(splitter.statements);
    }

    /**
     * Like {@link #split}, but a string, quoted identifier, dollar-quoted body or block comment that is
     * never closed is an error (IllegalArgumentException saying what and where): PostgreSQL would
     * refuse the script, and every statement after the opening would silently vanish from linting.
     */
    public static List<SqlStatement> splitStrict(String sql) {
        SqlSplitter splitter = new SqlSplitter(sql);
        splitter.run();
        if (splitter.unterminated != null) {
            throw new IllegalArgumentException(splitter.unterminated);
        }
        return List.copyOf(splitter.statements);
    }

    private void unclosed(String what, int openedOnLine) {
        if (unterminated == null) {
            unterminated = what + " opened on line " + openedOnLine + " is never closed";
        }
    }

    private void run() {
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (c == '-' && peek(1) == '-') {
                skipLineComment();
            } else if (c == '/' && peek(1) == '*') {
                skipBlockComment();
            } else if (c == ';' && parenDepth == 0) {
                keep(c);
                finishStatement(pos - 1);
            } else {
                if (start < 0 && !Character.isWhitespace(c)) {
                    start = pos;
                    startLine = line;
                }
                if (c == '\'') {
                    skipString(isEscapeStringPrefix());
                } else if (c == '"') {
                    keepQuotedIdentifier();
                } else if (c == '$' && dollarTagAt(pos) != null) {
                    skipDollarQuoted(dollarTagAt(pos));
                } else {
                    if (c == '(') {
                        parenDepth++;
                    } else if (c == ')' && parenDepth > 0) {
                        parenDepth--;
                    }
                    keep(c);
                }
            }
        }
        finishStatement(pos);
    }

    private void finishStatement(int end) {
        if (start >= 0 && end > start) {
            String text = sql.substring(start, end).stripTrailing();
            String masked = code.substring(start, start + text.length());
            statements.add(new SqlStatement(startLine, text, masked));
        }
        start = -1;
        parenDepth = 0;
    }

    private char peek(int ahead) {
        int i = pos + ahead;
        return i < sql.length() ? sql.charAt(i) : '\0';
    }

    /** Copies a character of code as it is. */
    private void keep(char c) {
        code.append(c);
        if (c == '\n') {
            line++;
        }
        pos++;
    }

    /** Copies a character that is not code (comment, literal) as a blank, keeping line breaks. */
    private void blank(char c) {
        code.append(c == '\n' ? '\n' : ' ');
        if (c == '\n') {
            line++;
        }
        pos++;
    }

    private void skipLineComment() {
        while (pos < sql.length() && sql.charAt(pos) != '\n') {
            blank(sql.charAt(pos));
        }
    }

    private void skipBlockComment() {
        int opened = line;
        int depth = 0;
        while (pos < sql.length()) {
            if (sql.charAt(pos) == '/' && peek(1) == '*') {
                depth++;
                blank('/');
                blank('*');
            } else if (sql.charAt(pos) == '*' && peek(1) == '/') {
                depth--;
                blank('*');
                blank('/');
                if (depth == 0) {
                    return;
                }
            } else {
                blank(sql.charAt(pos));
            }
        }
        unclosed("a block comment (/* … */)", opened);
    }

    /** {@code E'…'}: the E must stand alone, not end an identifier such as {@code name'}. */
    private boolean isEscapeStringPrefix() {
        if (pos == 0 || (sql.charAt(pos - 1) != 'E' && sql.charAt(pos - 1) != 'e')) {
            return false;
        }
        return pos < 2 || !isIdentifierPart(sql.charAt(pos - 2));
    }

    private void skipString(boolean backslashEscapes) {
        int opened = line;
        keep('\'');
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (backslashEscapes && c == '\\' && pos + 1 < sql.length()) {
                blank(c);
                blank(sql.charAt(pos));
            } else if (c == '\'' && peek(1) == '\'') {
                blank(c);
                blank('\'');
            } else if (c == '\'') {
                keep(c);
                return;
            } else {
                blank(c);
            }
        }
        unclosed("a string literal ('…')", opened);
    }

    /** Identifiers stay visible (rules need table names); only their content cannot end a statement. */
    private void keepQuotedIdentifier() {
        int opened = line;
        keep('"');
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (c == '"' && peek(1) == '"') {
                keep(c);
                keep('"');
            } else if (c == '"') {
                keep(c);
                return;
            } else {
                keep(c == ';' || c == '\'' || c == '$' || c == '-' ? '_' : c);
            }
        }
        unclosed("a quoted identifier (\"…\")", opened);
    }

    private void skipDollarQuoted(String tag) {
        int opened = line;
        for (int i = 0; i < tag.length(); i++) {
            keep(sql.charAt(pos));
        }
        int close = sql.indexOf(tag, pos);
        int end = close < 0 ? sql.length() : close;
        while (pos < end) {
            blank(sql.charAt(pos));
        }
        if (close >= 0) {
            for (int i = 0; i < tag.length(); i++) {
                keep(sql.charAt(pos));
            }
        } else {
            unclosed("a dollar-quoted body (" + tag + " … " + tag + ")", opened);
        }
    }

    /** {@code $tag$} at {@code at}, or null: {@code $1} parameters and {@code a$b} identifiers are not quotes. */
    private String dollarTagAt(int at) {
        if (at > 0 && isIdentifierPart(sql.charAt(at - 1))) {
            return null;
        }
        int i = at + 1;
        if (i < sql.length() && Character.isDigit(sql.charAt(i))) {
            return null;
        }
        while (i < sql.length() && isIdentifierPart(sql.charAt(i)) && sql.charAt(i) != '$') {
            i++;
        }
        return i < sql.length() && sql.charAt(i) == '$' ? sql.substring(at, i + 1) : null;
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c > 127;
    }
}
