package dev.migrationledger.service.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.migrationledger.ledger.domain.Reason;
import dev.migrationledger.ledger.domain.ReasonCode;

import java.util.List;
import java.util.Locale;

/** An RFC 9457 problem document, with the ledger's {@code reasons} extension. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<Reason> reasons) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://migration-ledger.dev/problems/";

    public static Problem of(int status, String title, String detail, List<Reason> reasons) {
        String slug = reasons.isEmpty() ? title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                : reasons.get(0).code().name().toLowerCase(Locale.ROOT).replace('_', '-');
        return new Problem(TYPE_BASE + slug, title, status, detail, reasons);
    }

    public Problem withDetail(String newDetail) {
        return new Problem(type, title, status, newDetail, reasons);
    }

    public static Problem invalid(String detail, String field) {
        return of(400, "Invalid input", detail, List.of(ReasonCode.INVALID_INPUT.reason(detail, field)));
    }
}
