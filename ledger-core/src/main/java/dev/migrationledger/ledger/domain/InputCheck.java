package dev.migrationledger.ledger.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Validation of command inputs, collecting every problem before failing, so that every entry point
 * (REST, CLI, imports) gets the same answers. Each problem is an {@link ReasonCode#INVALID_INPUT}
 * naming its field.
 */
public final class InputCheck {

    /** Project, environment and principal names: safe in URLs, file names, logs and SQL literals. */
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** Client-chosen keys (executionId, approvalId, backupId): printable ASCII without spaces. */
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,200}");
    public static final int MAX_TEXT = 4000;

    private final List<Reason> reasons = new ArrayList<>();

    public InputCheck identifier(String field, String value) {
        if (value == null || value.isBlank()) {
            invalid(field, field + " is required");
        } else if (!IDENTIFIER.matcher(value).matches()) {
            invalid(field, field + " is 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return this;
    }

    public InputCheck key(String field, String value) {
        if (value == null || value.isBlank()) {
            invalid(field, field + " is required");
        } else if (!KEY.matcher(value).matches()) {
            invalid(field, field + " is 1 to 200 printable ASCII characters without spaces");
        }
        return this;
    }

    public InputCheck optionalKey(String field, String value) {
        return value == null ? this : key(field, value);
    }

    public InputCheck checksum(String field, String value) {
        if (value == null) {
            invalid(field, field + " is required (SHA-256, 64 lowercase hex characters)");
        } else {
            try {
                Checksum.parse(value);
            } catch (IllegalArgumentException e) {
                invalid(field, field + ": " + e.getMessage());
            }
        }
        return this;
    }

    public InputCheck optionalChecksum(String field, String value) {
        return value == null ? this : checksum(field, value);
    }

    public InputCheck version(String field, String value) {
        try {
            Version.parse(value);
        } catch (IllegalArgumentException e) {
            invalid(field, field + ": " + e.getMessage());
        }
        return this;
    }

    /** Free text (descriptions, comments, errors): bounded, and without control characters except newlines and tabs. */
    public InputCheck text(String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                invalid(field, field + " is required");
            }
        } else if (value.length() > MAX_TEXT) {
            invalid(field, field + " has at most " + MAX_TEXT + " characters");
        } else if (value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t' && c != '\r')) {
            invalid(field, field + " contains control characters");
        }
        return this;
    }

    public InputCheck require(boolean condition, String field, String message) {
        if (!condition) {
            invalid(field, message);
        }
        return this;
    }

    public InputCheck invalid(String field, String message) {
        reasons.add(ReasonCode.INVALID_INPUT.reason(message, field));
        return this;
    }

    public InputCheck add(Reason reason) {
        reasons.add(reason);
        return this;
    }

    public boolean ok() {
        return reasons.isEmpty();
    }

    public List<Reason> reasons() {
        return List.copyOf(reasons);
    }

    public void throwIfInvalid() {
        if (!reasons.isEmpty()) {
            throw new CommandRejectedException(reasons);
        }
    }
}
