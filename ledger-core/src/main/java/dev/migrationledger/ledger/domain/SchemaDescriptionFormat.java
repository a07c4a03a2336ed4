package dev.migrationledger.ledger.domain;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * The schema-description contract (docs/drift.md, "Schema description format"), once for the executor that writes
 * descriptions and the service that checks and compares them: lines sorted by their UTF-8 bytes — not by Java's
 * UTF-16 order, which differs above U+FFFF and around surrogates — without duplicates, joined with "\n"; the
 * fingerprint is the lowercase hex SHA-256 of that UTF-8 text.
 */
public final class SchemaDescriptionFormat {

    /** The order of a description's lines: by their UTF-8 bytes. */
    public static final Comparator<String> LINE_ORDER = (a, b) ->
            Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private SchemaDescriptionFormat() {
    }

    /** {@code lines} in canonical order, each once. */
    public static List<String> canonical(Collection<String> lines) {
        TreeSet<String> sorted = new TreeSet<>(LINE_ORDER);
        sorted.addAll(lines);
        return List.copyOf(sorted);
    }

    /** The fingerprint of canonical lines. */
    public static String fingerprint(List<String> canonicalLines) {
        return Checksum.ofBytes(String.join("\n", canonicalLines).getBytes(StandardCharsets.UTF_8)).hex();
    }

    /**
     * How {@code live} differs from {@code expected}: {@code "+ line"} for what only {@code live} has,
     * {@code "- line"} for what it lost, in line order.
     */
    public static List<String> differences(Collection<String> expected, Collection<String> live) {
        TreeSet<String> before = new TreeSet<>(LINE_ORDER);
        before.addAll(expected);
        TreeSet<String> after = new TreeSet<>(LINE_ORDER);
        after.addAll(live);
        TreeSet<String> all = new TreeSet<>(LINE_ORDER);
        all.addAll(before);
        all.addAll(after);
        List<String> out = new ArrayList<>();
        for (String line : all) {
            if (!before.contains(line)) {
                out.add("+ " + line);
            } else if (!after.contains(line)) {
                out.add("- " + line);
            }
        }
        return out;
    }
}
