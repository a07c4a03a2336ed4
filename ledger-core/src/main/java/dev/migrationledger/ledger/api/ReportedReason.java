package dev.migrationledger.ledger.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.migrationledger.ledger.domain.Reason;
import dev.migrationledger.ledger.domain.ReasonCode;

import java.util.Optional;

/**
 * A {@link Reason} as it travels: an entry of a problem response's {@code reasons}, of a fact's
 * {@code violations}, of a receipt's violations. The code stays text, so a reader built before a code existed
 * (an older executor or verifier reading a newer service) still shows it; {@link #knownCode()} says whether this
 * build knows it. A null field or message is omitted, as receipts' canonical JSON has always done.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReportedReason(String code, String message, String field) {

    public static ReportedReason of(Reason reason) {
        return new ReportedReason(reason.code().name(), reason.message(), reason.field());
    }

    /** The code as this build knows it, or empty for a code from a newer service. */
    public Optional<ReasonCode> knownCode() {
        return ReasonCode.find(code);
    }

    /** {@code CODE (field): message}, the line a person reads. */
    public String format() {
        return code + (field == null ? "" : " (" + field + ")") + (message == null ? "" : ": " + message);
    }
}
