package dev.migrationledger.executor.sql;

/**
 * One top-level statement of a script, without its terminating semicolon.
 *
 * @param line 1-based line of the statement's first token in the script
 * @param text the statement as written
 * @param code the same text, same length and same line breaks, with comments, string literals and
 *             dollar-quoted bodies blanked out. Keyword checks run over this text, so DDL written
 *             inside a function body, a string or a comment can never be mistaken for top-level DDL.
 */
public record SqlStatement(int line, String text, String code) {

    /** The line of a character offset inside this statement (offsets of {@link #text} and {@link #code} agree). */
    public int lineAt(int offset) {
        int lines = 0;
        for (int i = 0; i < offset && i < code.length(); i++) {
            if (code.charAt(i) == '\n') {
                lines++;
            }
        }
        return line + lines;
    }
}
