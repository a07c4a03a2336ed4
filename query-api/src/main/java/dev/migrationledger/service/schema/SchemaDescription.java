package dev.migrationledger.service.schema;

import dev.migrationledger.ledger.domain.Checksum;
import dev.migrationledger.ledger.domain.CommandRejectedException;
import dev.migrationledger.ledger.domain.InputCheck;
import dev.migrationledger.ledger.domain.ReasonCode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * A canonical schema description (the contract in docs/drift.md): lines such as
 * "column public.invoice.note text null", sorted by their UTF-8 bytes, no duplicates, joined with
 * "\n"; its fingerprint is the lowercase hex SHA-256 of that UTF-8 text. The executor computes the
 * same bytes from the live database, so a fingerprint names one exact description.
 */
public record SchemaDescription(List<String> lines) {

    public static final int MAX_LINES = 100_000;
    private static final int MAX_LINE = 1_000;

    /** Checks that {@code lines} are canonical and hash to {@code fingerprint}; 400 INVALID_INPUT otherwise. */
    public static SchemaDescription verified(String fingerprint, List<String> lines, String field) {
        InputCheck check = new InputCheck().checksum("fingerprint", fingerprint);
        if (lines == null || lines.size() > MAX_LINES) {
            check.invalid(field, field + " is a list of at most " + MAX_LINES + " lines");
            check.throwIfInvalid();
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line == null || line.isEmpty() || line.length() > MAX_LINE || line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
                check.invalid(field + "[" + i + "]", "a line is 1 to " + MAX_LINE + " characters without line breaks");
            } else if (i > 0 && lines.get(i - 1) != null && compare(lines.get(i - 1), line) >= 0) {
                check.invalid(field + "[" + i + "]", "lines are sorted by their UTF-8 bytes, without duplicates");
            }
        }
        check.throwIfInvalid();
        SchemaDescription description = new SchemaDescription(List.copyOf(lines));
        String expected = Checksum.parse(fingerprint).hex();
        if (!description.fingerprint().equals(expected)) {
            throw new CommandRejectedException(ReasonCode.INVALID_INPUT.reason("the SHA-256 of the lines joined with "
                    + "\\n is " + description.fingerprint() + ", not " + expected, field));
        }
        return description;
    }

    public String fingerprint() {
        return Checksum.ofBytes(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)).hex();
    }

    /**
     * How {@code live} differs from this (expected) description: "+ line" for what only the live
     * schema has, "- line" for what it lost, in line order.
     */
    public List<String> differencesTo(SchemaDescription live) {
        TreeSet<String> expected = new TreeSet<>(lines);
        TreeSet<String> actual = new TreeSet<>(live.lines());
        List<String> out = new ArrayList<>();
        TreeSet<String> all = new TreeSet<>(SchemaDescription::compare);
        all.addAll(expected);
        all.addAll(actual);
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
