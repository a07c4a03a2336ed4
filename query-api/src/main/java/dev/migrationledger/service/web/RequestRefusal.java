package dev.migrationledger.service.web;

import dev.migrationledger.service.problem.Problem;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * What the client is told when the HTTP edge refuses a request before the ledger judges it: Spring
 * Security's firewall, a body that cannot be read, or Tomcat itself. One wording for every place that
 * answers such a request (the firewall's handler, {@link ProblemAdvice}, {@link ErrorPathController},
 * {@link ProblemErrorReportValve}), and always a 4xx: these are the client's faults, not the server's.
 */
public final class RequestRefusal {

    /** Methods the API serves, for the Allow header of a 405. */
    static final String ALLOWED_METHODS = "DELETE, GET, HEAD, OPTIONS, POST, PUT";
    private static final String CHARACTER_NOT_IN_REPERTOIRE = "22021";

    private RequestRefusal() {
    }

    /**
     * The firewall checks paths at once and parameter and header names and values when they are first read,
     * which for a form-encoded body is while Spring MVC reads the body. Its messages quote the raw input; the
     * problem says which part was refused and what to send instead.
     */
    public static ProblemDetail firewall(RequestRejectedException rejected) {
        String message = String.valueOf(rejected.getMessage());
        if (message.contains("HTTP method")) {
            return Problem.of(405, "Method not allowed", "this method is not one the API serves ("
                    + ALLOWED_METHODS + ")", List.of());
        }
        if (message.contains("the parameter")) {
            return Problem.invalid("a form or query parameter contains characters that are not allowed (control "
                    + "characters or unassigned code points); request bodies are JSON: send them with "
                    + "Content-Type: application/json", null);
        }
        if (message.contains("the header")) {
            return Problem.invalid("a header contains characters that are not allowed (control characters or "
                    + "unassigned code points)", null);
        }
        if (message.contains("the domain")) {
            return Problem.invalid("the Host header names a host this service does not answer for", null);
        }
        return Problem.invalid("the request path is not accepted: it contains encoded or reserved characters "
                + "(such as %2F, %25, %3B, \\, .. or control characters)", null);
    }

    /** The client fault behind an exception that escaped to the container, if it is one. */
    static Optional<ProblemDetail> causedBy(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof RequestRejectedException rejected) {
                return Optional.of(firewall(rejected));
            }
            if (t instanceof RequestSizeLimitFilter.BodyTooLargeException tooLarge) {
                return Optional.of(RequestSizeLimitFilter.tooLarge(tooLarge.getMessage()));
            }
            // PostgreSQL stores no NUL: a NUL in a query parameter reached a read model's query (found by
            // HttpFuzzProcessIT: /reports/compliance?project=%00 was a 500)
            if (t instanceof SQLException sql && CHARACTER_NOT_IN_REPERTOIRE.equals(sql.getSQLState())) {
                return Optional.of(Problem.invalid("a value contains a NUL character, which no name, id or text in "
                        + "the ledger can hold", null));
            }
            if (t instanceof HttpMessageNotReadableException) {
                return Optional.of(Problem.invalid("the request body could not be read; send JSON with "
                        + "Content-Type: application/json", null));
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }

    /**
     * Tomcat's own refusals, answered before any Spring code runs (a malformed request line, URI or header,
     * headers over the size limit). Tomcat calls some of them 501 (an unknown transfer coding) or 505 (an HTTP
     * version other than 1.0/1.1); they are the client's request all the same, so they are answered 400.
     */
    static ProblemDetail server(int status) {
        if (status == 501) {
            return Problem.of(400, "Bad request", "the request uses a transfer coding or method this server does "
                    + "not implement; send the body with Content-Length or Transfer-Encoding: chunked", List.of());
        }
        if (status == 505) {
            return Problem.of(400, "Bad request", "only HTTP/1.0 and HTTP/1.1 are served", List.of());
        }
        if (status >= 500) {
            return Problem.of(status, reasonPhrase(status), "an unexpected error occurred; it was logged", List.of());
        }
        return Problem.of(status, reasonPhrase(status), "the HTTP server refused the request before the ledger "
                + "read it (malformed request line, URI or headers, or headers over the size limit)", List.of());
    }

    static String reasonPhrase(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "Error" : known.getReasonPhrase();
    }
}
