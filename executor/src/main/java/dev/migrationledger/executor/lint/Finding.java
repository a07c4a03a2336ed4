package dev.migrationledger.executor.lint;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One lint result, printed as {@code file:line: SEVERITY rule-id message (advice)}. A finding is
 * identified by (file, rule id): the key suppressions and SARIF fingerprints are built on, stable
 * across edits that move lines.
 *
 * @param squawk the name of the corresponding squawk rule, when there is one
 */
public record Finding(String ruleId, Severity severity, String file, int line, String message, String advice,
                      @JsonInclude(JsonInclude.Include.NON_NULL) String squawk) {

    public Finding(String ruleId, Severity severity, String file, int line, String message, String advice) {
        this(ruleId, severity, file, line, message, advice, null);
    }

    public String format() {
        return file + ":" + line + ": " + severity + " " + ruleId + " " + message + " (" + advice + ")";
    }

    /** The (file, rule id) identity. */
    public String key() {
        return file + "#" + ruleId;
    }

    public Finding withSeverity(Severity changed) {
        return new Finding(ruleId, changed, file, line, message, advice, squawk);
    }
}
