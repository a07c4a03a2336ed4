package dev.migrationledger.executor.schema;

import dev.migrationledger.ledger.domain.Checksum;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * A canonical schema description (docs/drift.md, "Schema description format") and its fingerprint: the
 * lines sorted by their UTF-8 bytes, without duplicates, joined with "\n"; the fingerprint is the
 * lowercase hex SHA-256 of that UTF-8 text. The service re-checks exactly this, so both sides must sort
 * by bytes, not by Java's UTF-16 order (they differ above U+FFFF and around surrogates).
 */
public record SchemaFingerprint(List<String> lines, String fingerprint) {

    /** The service refuses longer lines; a longer definition is replaced by its SHA-256 (see {@link #line}). */
    public static final int MAX_LINE = 1_000;

    public static SchemaFingerprint of(Collection<String> rawLines) {
        TreeSet<String> sorted = new TreeSet<>(SchemaFingerprint::compare);
        sorted.addAll(rawLines);
        List<String> lines = List.copyOf(sorted);
        String text = String.join("\n", lines);
        return new SchemaFingerprint(lines, Checksum.ofBytes(text.getBytes(StandardCharsets.UTF_8)).hex());
    }

    /**
     * {@code "<kind> <name> <definition>"}, or {@code "<kind> <name> sha256:<hex of definition>"} when that
     * would exceed {@link #MAX_LINE}: a big view still changes the fingerprint when it changes, it just cannot
     * be shown in a diff.
     */
    static String line(String kind, String name, String definition) {
        String head = escapeLineBreaks(kind + " " + name);
        if (definition == null || definition.isEmpty()) {
            return head;
        }
        String full = head + " " + escapeLineBreaks(definition);
        if (full.length() <= MAX_LINE) {
            return full;
        }
        return head + " sha256:" + Checksum.ofBytes(definition.getBytes(StandardCharsets.UTF_8)).hex();
    }

    /** A line never holds a line break (the service refuses it); a string literal in a default may. */
    private static String escapeLineBreaks(String text) {
        return text.replace("\r", "\\r").replace("\n", "\\n");
    }

    /** Collapses every run of whitespace to one space: reformatting a view's SQL is not a schema change. */
    static String normalizeWhitespace(String sql) {
        return sql == null ? "" : sql.strip().replaceAll("\\s+", " ");
    }

    /**
     * How {@code live} differs from this (expected) description: {@code "+ line"} for what only {@code live}
     * has, {@code "- line"} for what it lost, in line order; the same rendering the service uses for findings.
     */
    public List<String> differencesTo(SchemaFingerprint live) {
        TreeSet<String> expected = new TreeSet<>(lines);
        TreeSet<String> actual = new TreeSet<>(live.lines());
        TreeSet<String> all = new TreeSet<>(SchemaFingerprint::compare);
        all.addAll(expected);
        all.addAll(actual);
        List<String> out = new ArrayList<>();
        for (String line : all) {
            if (!expected.contains(line)) {
                out.add("+ " + line);
            } else if (!actual.contains(line)) {
                out.add("- " + line);
            }
        }
        return out;
    }

    static int compare(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
