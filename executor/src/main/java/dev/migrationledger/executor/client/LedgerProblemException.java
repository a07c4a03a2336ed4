package dev.migrationledger.executor.client;

import dev.migrationledger.ledger.api.ReportedReason;
import java.util.List;

/** The ledger answered with an RFC 9457 problem (4xx, or a 5xx that is not worth retrying). */
public final class LedgerProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final String detail;
    private final List<ReportedReason> reasons;

    public LedgerProblemException(int status, String title, String detail, List<ReportedReason> reasons) {
        super(describe(status, title, detail, reasons));
        this.status = status;
        this.title = title;
        this.detail = detail;
        this.reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }

    public List<ReportedReason> reasons() {
        return reasons;
    }

    public boolean hasReason(String code) {
        return reasons.stream().anyMatch(r -> code.equals(r.code()));
    }

    /** Authentication and role failures: a configuration problem of the pipeline, not of the migrations. */
    public boolean isAuthProblem() {
        return status == 401 || status == 403;
    }

    private static String describe(int status, String title, String detail, List<ReportedReason> reasons) {
        StringBuilder text = new StringBuilder("the ledger answered ").append(status);
        if (title != null && !title.isBlank()) {
            text.append(' ').append(title);
        }
        if (detail != null && !detail.isBlank()) {
            text.append(": ").append(detail);
        }
        if (reasons != null) {
            reasons.forEach(r -> text.append(System.lineSeparator()).append("  - ").append(r.format()));
        }
        return text.toString();
    }
}
