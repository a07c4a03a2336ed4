package dev.migrationledger.executor.sql;

import java.util.Locale;

/** PostgreSQL identifier rules for comparing names across statements. */
final class Names {

    /** An identifier: quoted (with {@code ""} escapes) or unquoted. */
    static final String ID = "(?:\"(?:[^\"]|\"\")+\"|[\\p{L}_][\\p{L}\\p{N}_$]*)";
    /** A possibly schema-qualified name. */
    static final String QNAME = ID + "(?:\\s*\\.\\s*" + ID + ")*";

    private Names() {
    }

    /** Unquoted names fold to lower case; quoted names keep their case; the schema qualifier is dropped. */
    static String normalise(String qualified) {
        if (qualified == null) {
            return null;
        }
        String last = lastSegment(qualified.strip());
        if (last.length() >= 2 && last.startsWith("\"") && last.endsWith("\"")) {
            return last.substring(1, last.length() - 1).replace("\"\"", "\"");
        }
        return last.toLowerCase(Locale.ROOT);
    }

    /** Whether a name is written with its schema ({@code public.t}); a dot inside quotes does not count. */
    static boolean isQualified(String name) {
        return !lastSegment(name.strip()).equals(name.strip());
    }

    private static String lastSegment(String qualified) {
        boolean quoted = false;
        int cut = 0;
        for (int i = 0; i < qualified.length(); i++) {
            char c = qualified.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '.' && !quoted) {
                cut = i + 1;
            }
        }
        return qualified.substring(cut).strip();
    }
}
