package dev.migrationledger.ledger.domain;

import dev.migrationledger.ledger.api.ScriptFinding;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A script's text as the ledger stores it: the bytes its checksum is computed over (BOM removed, LF
 * line ends), at most {@value #MAX_BYTES} bytes of UTF-8, hashing to the checksum its version is
 * planned with — so what an approver reads is exactly what the approval binds to.
 */
public record ScriptText(String checksum, String text, List<ScriptFinding> findings) {

    public static final int MAX_BYTES = 1024 * 1024;
    static final int MAX_FINDINGS = 1000;

    static ScriptText check(String text, List<ScriptFinding> findings, String plannedChecksum, String versionKey) {
        InputCheck check = new InputCheck();
        if (text == null) {
            check.invalid("text", "text is required: the script's content, UTF-8");
            check.throwIfInvalid();
        }
        String normalized = Checksum.normalize(text);
        byte[] bytes = normalized.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_BYTES) {
            check.invalid("text", "a stored script has at most " + MAX_BYTES + " bytes of UTF-8; this one has "
                    + bytes.length);
        }
        List<ScriptFinding> list = findings == null ? List.of() : findings;
        if (list.size() > MAX_FINDINGS) {
            check.invalid("findings", "at most " + MAX_FINDINGS + " findings are stored with a script");
        }
        for (int i = 0; i < list.size() && i < MAX_FINDINGS; i++) {
            ScriptFinding f = list.get(i);
            String field = "findings[" + i + "]";
            if (f == null) {
                check.invalid(field, field + " is null");
                continue;
            }
            check.key(field + ".ruleId", f.ruleId()).key(field + ".severity", f.severity())
                    .text(field + ".message", f.message(), true).text(field + ".advice", f.advice(), false)
                    .require(f.line() == null || f.line() >= 1, field + ".line", field + ".line is 1 or more");
        }
        check.throwIfInvalid();
        String checksum = Checksum.ofBytes(bytes).hex();
        if (!checksum.equals(plannedChecksum)) {
            throw new CommandRejectedException(ReasonCode.CHECKSUM_MISMATCH.reason("the text's checksum is " + checksum
                    + " but " + versionKey + " is planned with " + plannedChecksum
                    + "; upload the script that was planned, or plan this one first", "text"));
        }
        return new ScriptText(checksum, normalized, List.copyOf(list));
    }
}
