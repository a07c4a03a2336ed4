package dev.migrationledger.ledger.domain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A migration's version key, ordered by Flyway's rules: dot- or underscore-separated numeric
 * segments compared numerically ({@code 1 < 1.1 < 1.2 < 2 < 10}, {@code 1_12_15 = 1.12.15},
 * trailing zero segments ignored as Flyway ignores them). Repeatable migrations ({@code R__name})
 * have no place among versions and sort after all of them, by name.
 */
public final class Version implements Comparable<Version> {

    public static final String REPEATABLE_PREFIX = "R__";
    private static final Pattern VERSIONED = Pattern.compile("[0-9]+([._][0-9]+)*");
    private static final int MAX_LENGTH = 200;

    private final String value;
    private final List<BigInteger> parts;

    private Version(String value, List<BigInteger> parts) {
        this.value = value;
        this.parts = parts;
    }

    /**
     * Parsed versions by their raw text. The rules compare a fact's version with every planned version of
     * the project (R4), so one batch of 1,000 facts parsed the same strings millions of times; versions are
     * immutable, so a parse can be reused. Bounded: emptied when full rather than grown without limit.
     */
    private static final Map<String, Version> PARSED = new ConcurrentHashMap<>();
    private static final int PARSED_LIMIT = 100_000;

    /** Parses a version as written in a file name, a history table or a request. */
    public static Version parse(String raw) {
        Version cached = raw == null ? null : PARSED.get(raw);
        if (cached != null) {
            return cached;
        }
        Version parsed = parseUncached(raw);
        if (PARSED.size() >= PARSED_LIMIT) {
            PARSED.clear();
        }
        PARSED.put(raw, parsed);
        return parsed;
    }

    private static Version parseUncached(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("a version is required");
        }
        String text = raw.strip();
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a version has at most " + MAX_LENGTH + " characters");
        }
        if (text.startsWith(REPEATABLE_PREFIX)) {
            String name = text.substring(REPEATABLE_PREFIX.length());
            if (name.isBlank() || name.chars().anyMatch(c -> Character.isISOControl(c) || c == '/' || c == '\\')) {
                throw new IllegalArgumentException("a repeatable migration is named R__<description>: '" + text + "'");
            }
            return new Version(text, List.of());
        }
        if (text.startsWith("V") || text.startsWith("v")) {
            text = text.substring(1);
        }
        if (!VERSIONED.matcher(text).matches()) {
            throw new IllegalArgumentException(
                    "a version is numbers separated by '.' or '_' (1, 1.1, 2026.02.25.1200) or R__<name>: '" + raw.strip() + "'");
        }
        String dotted = text.replace('_', '.');
        List<BigInteger> segments = new ArrayList<>();
        for (String segment : dotted.split("\\.")) {
            segments.add(new BigInteger(segment));
        }
        while (segments.size() > 1 && segments.get(segments.size() - 1).signum() == 0) {
            segments.remove(segments.size() - 1);
        }
        return new Version(dotted, List.copyOf(segments));
    }

    public boolean isRepeatable() {
        return parts.isEmpty();
    }

    /**
     * The canonical key: equal versions have equal keys ({@code 1.0}, {@code 1_0} and {@code 1} are all
     * {@code 1}), so it is what maps and stored events use.
     */
    public String key() {
        if (isRepeatable()) {
            return value;
        }
        StringBuilder key = new StringBuilder();
        for (BigInteger part : parts) {
            if (!key.isEmpty()) {
                key.append('.');
            }
            key.append(part);
        }
        return key.toString();
    }

    /** As written, with underscores turned into dots: dotted for versions, {@code R__name} for repeatables. */
    public String value() {
        return value;
    }

    @Override
    public int compareTo(Version other) {
        if (isRepeatable() || other.isRepeatable()) {
            if (isRepeatable() && other.isRepeatable()) {
                return value.compareTo(other.value);
            }
            return isRepeatable() ? 1 : -1;
        }
        int common = Math.min(parts.size(), other.parts.size());
        for (int i = 0; i < common; i++) {
            int c = parts.get(i).compareTo(other.parts.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(parts.size(), other.parts.size());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Version v && compareTo(v) == 0;
    }

    @Override
    public int hashCode() {
        return isRepeatable() ? value.hashCode() : parts.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
