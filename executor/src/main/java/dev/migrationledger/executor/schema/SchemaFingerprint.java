package dev.migrationledger.executor.schema;

import dev.migrationledger.ledger.domain.Checksum;
import dev.migrationledger.ledger.domain.SchemaDescriptionFormat;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;

/**
 * A canonical schema description of the live database and its fingerprint, in the one format the service
 * re-checks ({@link SchemaDescriptionFormat}).
 */
public record SchemaFingerprint(List<String> lines, String fingerprint) {

    /** The service refuses longer lines; a longer definition is replaced by its SHA-256 (see {@link #line}). */
    public static final int MAX_LINE = 1_000;

    public static SchemaFingerprint of(Collection<String> rawLines) {
        List<String> lines = SchemaDescriptionFormat.canonical(rawLines);
        return new SchemaFingerprint(lines, SchemaDescriptionFormat.fingerprint(lines));
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

    /** How {@code live} differs from this (expected) description; the rendering the service uses for findings. */
    public List<String> differencesTo(SchemaFingerprint live) {
        return SchemaDescriptionFormat.differences(lines, live.lines());
    }
}
