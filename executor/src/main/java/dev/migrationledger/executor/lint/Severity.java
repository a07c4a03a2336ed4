package dev.migrationledger.executor.lint;

import java.util.Locale;

/**
 * ERROR fails {@code ledger lint} (exit 1); WARNING fails it too under {@code --fail-on warning};
 * INFO is a note and never fails it. Ordered from the most to the least severe.
 */
public enum Severity {
    ERROR, WARNING, INFO;

    /** Whether a finding of this severity fails a run that fails on {@code threshold}. */
    public boolean atLeast(Severity threshold) {
        return compareTo(threshold) <= 0;
    }

    public static Severity parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a severity; use error, warning or info");
        }
    }
}
