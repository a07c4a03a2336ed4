package dev.migrationledger.executor.scan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An Alembic versions directory read without running Python: each revision file's module-level
 * {@code revision}, {@code down_revision} (a tuple for a merge), {@code branch_labels} and {@code depends_on}
 * (plain or annotated, {@code revision: str = "ae10"}), and the message, the first line of its docstring.
 * Only the literals Alembic's templates write are understood (None, a string, a tuple or list of strings); a
 * revision file that computes them is refused by name.
 */
final class AlembicRevisions {

    /** One revision file. {@code parents} are its down revisions, {@code dependsOn} as written (ids or labels). */
    record Revision(String id, List<String> parents, List<String> branchLabels, List<String> dependsOn, String message,
                    String file) {
    }

    private static final Pattern ASSIGNMENT = Pattern.compile(
            "^(revision|down_revision|branch_labels|depends_on)\\s*(?::[^=]*)?=\\s*(.*)$");
    private static final Pattern STRING = Pattern.compile("[rRuU]?(?:'([^'\\\\]*)'|\"([^\"\\\\]*)\")");
    private static final Pattern DOCSTRING = Pattern.compile("\\A\\s*(?:#[^\\n]*\\n\\s*)*[rRuU]?(\"\"\"|''')\\s*([^\\n]*)");

    private AlembicRevisions() {
    }

    /** Every revision in the directory (and its subdirectories, as {@code recursive_version_locations} allows). */
    static Map<String, Revision> read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new HistoryImportException("--dir " + dir + " is not a directory: point it at Alembic's versions directory");
        }
        Map<String, Revision> revisions = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".py") && !f.toString().contains("__pycache__"))
                    .sorted().toList()) {
                Revision revision = parse(dir.relativize(file).toString(), Files.readString(file, StandardCharsets.UTF_8));
                if (revision != null) {
                    Revision twin = revisions.putIfAbsent(revision.id(), revision);
                    if (twin != null) {
                        throw new HistoryImportException("revision " + revision.id() + " is declared by both " + twin.file()
                                + " and " + revision.file());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (revisions.isEmpty()) {
            throw new HistoryImportException("no Alembic revision file (a .py file assigning revision = '...') in " + dir
                    + ": point --dir at Alembic's versions directory");
        }
        return revisions;
    }

    /** The revision a file declares, or null for a file that declares none (an {@code __init__.py}). */
    static Revision parse(String file, String text) {
        Map<String, String> values = assignments(text);
        if (!values.containsKey("revision")) {
            return null;
        }
        List<String> ids = literal(file, "revision", values.get("revision"));
        if (ids.size() != 1) {
            throw new HistoryImportException(file + ": revision is one string, not " + values.get("revision"));
        }
        Matcher doc = DOCSTRING.matcher(text);
        String message = doc.find() ? doc.group(2).replace(doc.group(1), "").strip() : "";
        return new Revision(ids.get(0), literal(file, "down_revision", values.get("down_revision")),
                literal(file, "branch_labels", values.get("branch_labels")),
                literal(file, "depends_on", values.get("depends_on")), message, file);
    }

    /** Module-level assignments, a bracketed value continued over the lines until its brackets close. */
    private static Map<String, String> assignments(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = ASSIGNMENT.matcher(lines[i]);
            if (!m.matches()) {
                continue;
            }
            StringBuilder value = new StringBuilder(stripComment(m.group(2)));
            while (depth(value) > 0 && i + 1 < lines.length) {
                value.append(' ').append(stripComment(lines[++i]));
            }
            values.putIfAbsent(m.group(1), value.toString());
        }
        return values;
    }

    /** Open brackets minus closed ones, outside string literals. */
    private static int depth(CharSequence text) {
        String code = STRING.matcher(text).replaceAll("");
        return (int) code.chars().filter(c -> c == '(' || c == '[').count()
                - (int) code.chars().filter(c -> c == ')' || c == ']').count();
    }

    /** None → empty; a string → one; a tuple or list of strings → each. */
    private static List<String> literal(String file, String name, String raw) {
        if (raw == null) {
            return List.of();
        }
        String value = raw.strip();
        if (value.equals("None") || value.equals("()") || value.equals("[]")) {
            return List.of();
        }
        boolean bracketed = (value.startsWith("(") && value.endsWith(")")) || (value.startsWith("[") && value.endsWith("]"));
        String inner = bracketed ? value.substring(1, value.length() - 1) : value;
        List<String> items = new ArrayList<>();
        Matcher m = STRING.matcher(inner);
        int at = 0;
        while (m.find()) {
            if (!inner.substring(at, m.start()).replace(",", "").isBlank()) {
                break;
            }
            items.add(m.group(1) != null ? m.group(1) : m.group(2));
            at = m.end();
        }
        if (items.isEmpty() || !inner.substring(at).replace(",", "").isBlank()) {
            throw new HistoryImportException(file + ": " + name + " = " + value + " is not None, a string or a tuple of"
                    + " strings; the ledger reads revision files without running them");
        }
        return List.copyOf(items);
    }

    private static String stripComment(String value) {
        char quote = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '#') {
                return value.substring(0, i);
            }
        }
        return value;
    }
}
