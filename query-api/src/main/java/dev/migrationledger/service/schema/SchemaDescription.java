package dev.migrationledger.service.schema;

import dev.migrationledger.ledger.domain.Checksum;
import dev.migrationledger.ledger.domain.CommandRejectedException;
import dev.migrationledger.ledger.domain.InputCheck;
import dev.migrationledger.ledger.domain.ReasonCode;
import dev.migrationledger.ledger.domain.SchemaDescriptionFormat;

import java.util.List;

/**
 * A canonical schema description ({@link SchemaDescriptionFormat}): lines such as
 * "column public.invoice.note text null". The executor computes the same bytes from the live database, so a
 * fingerprint names one exact description.
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
            } else if (i > 0 && lines.get(i - 1) != null
                    && SchemaDescriptionFormat.LINE_ORDER.compare(lines.get(i - 1), line) >= 0) {
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
        return SchemaDescriptionFormat.fingerprint(lines);
    }

    /** How {@code live} differs from this (expected) description: "+ line" and "- line", in line order. */
    public List<String> differencesTo(SchemaDescription live) {
        return SchemaDescriptionFormat.differences(lines, live.lines());
    }
}
