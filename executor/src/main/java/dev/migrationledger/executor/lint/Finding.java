package dev.migrationledger.executor.lint;

/** One lint result, printed as {@code file:line: SEVERITY rule-id message (advice)}. */
public record Finding(String ruleId, Severity severity, String file, int line, String message, String advice) {

    public String format() {
        return file + ":" + line + ": " + severity + " " + ruleId + " " + message + " (" + advice + ")";
    }
}
