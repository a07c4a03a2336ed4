package dev.migrationledger.ledger.domain;

/**
 * A pattern over one claim value, project or environment name: exact unless it holds {@code *} (any run
 * of characters, slashes included, as in IAM's StringLike) or {@code ?} (any one character). Matching is
 * case-sensitive and linear in practice (no regular expression, so no pattern can backtrack for long).
 */
public record ClaimPattern(String pattern) {

    public ClaimPattern {
        if (pattern == null) {
            throw new IllegalArgumentException("a pattern is a string");
        }
    }

    public boolean matches(String value) {
        if (value == null) {
            return false;
        }
        int p = 0;
        int v = 0;
        int star = -1;
        int resume = 0;
        while (v < value.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == value.charAt(v))) {
                p++;
                v++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = v;
            } else if (star >= 0) {
                // let the last star swallow one more character and try again from there
                p = star + 1;
                v = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    /** True when the pattern has no literal character: it would match (almost) any value. */
    public boolean wildcardOnly() {
        return pattern.chars().allMatch(c -> c == '*' || c == '?');
    }
}
