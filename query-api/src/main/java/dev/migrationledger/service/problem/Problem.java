package dev.migrationledger.service.problem;

import dev.migrationledger.ledger.domain.Reason;
import dev.migrationledger.ledger.domain.ReasonCode;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The one factory of the API's RFC 9457 problem documents: Spring's {@link ProblemDetail} with the
 * ledger's {@code reasons} extension, its type named after the first reason (or the title).
 */
public final class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType MEDIA = MediaType.APPLICATION_PROBLEM_JSON;
    public static final String REASONS = "reasons";
    private static final String TYPE_BASE = "https://migration-ledger.dev/problems/";

    private Problem() {
    }

    public static ProblemDetail of(int status, String title, String detail, List<Reason> reasons) {
        String slug = reasons.isEmpty() ? title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                : reasons.get(0).code().name().toLowerCase(Locale.ROOT).replace('_', '-');
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status), detail);
        problem.setType(URI.create(TYPE_BASE + slug));
        problem.setTitle(title);
        if (!reasons.isEmpty()) {
            problem.setProperty(REASONS, List.copyOf(reasons));
        }
        return problem;
    }

    /** A refusal by the ledger's rules: its status and title follow the reasons' {@link ReasonCode.Category}. */
    public static ProblemDetail rejected(List<Reason> reasons, int maxDetail) {
        ReasonCode.Category category = ReasonCode.Category.of(reasons.stream().map(Reason::code).toList())
                .orElseThrow(() -> new IllegalArgumentException("a rejection names at least one reason"));
        String detail = reasons.stream().map(Reason::message).collect(Collectors.joining("; "));
        if (detail.length() > maxDetail) {
            detail = detail.substring(0, maxDetail) + "…";
        }
        return of(status(category), title(category), detail, reasons);
    }

    public static int status(ReasonCode.Category category) {
        return switch (category) {
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case INVALID -> 400;
            case POLICY -> 422;
        };
    }

    private static String title(ReasonCode.Category category) {
        return switch (category) {
            case NOT_FOUND -> "Not found";
            case CONFLICT -> "Idempotency conflict";
            case INVALID -> "Invalid input";
            case POLICY -> "Rejected by policy";
        };
    }

    public static ProblemDetail invalid(String detail, String field) {
        return of(400, "Invalid input", detail, List.of(ReasonCode.INVALID_INPUT.reason(detail, field)));
    }
}
