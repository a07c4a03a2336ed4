package dev.migrationledger.service.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * Writes problem documents where no controller runs (the security filters, the size limit, Tomcat's error
 * valve) with the application's ObjectMapper, so that they read exactly as Spring MVC writes them.
 */
@Component
public class ProblemWriter {

    /** Seconds a client waits before retrying after a 503. */
    public static final String RETRY_AFTER_SECONDS = "2";

    private final ObjectMapper json;

    public ProblemWriter(ObjectMapper json) {
        this.json = json;
    }

    public void unauthorized(HttpServletRequest request, HttpServletResponse response, String detail)
            throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"migration-ledger\"");
        write(request, response, Problem.of(401, "Unauthorized", detail, List.of()));
    }

    public void forbidden(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
        write(request, response, Problem.of(403, "Forbidden", detail, List.of()));
    }

    /** The database is away (nothing was done); the client retries. */
    public void unavailable(HttpServletRequest request, HttpServletResponse response, String detail)
            throws IOException {
        response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
        write(request, response, Problem.of(503, "Service unavailable", detail, List.of()));
    }

    public void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(problem.getStatus());
        response.setContentType(Problem.MEDIA_TYPE);
        json.writeValue(response.getOutputStream(), withInstance(problem, request.getRequestURI()));
    }

    /** The document as text, for Tomcat's error reporter, which offers only a writer. */
    public String text(ProblemDetail problem, String requestUri) throws IOException {
        return json.writeValueAsString(withInstance(problem, requestUri));
    }

    /** As Spring MVC does for a handler's problem: the instance is the request's path, when it is a valid URI. */
    private static ProblemDetail withInstance(ProblemDetail problem, String requestUri) {
        if (problem.getInstance() == null && requestUri != null) {
            try {
                problem.setInstance(new URI(requestUri));
            } catch (URISyntaxException e) {
                // a path Tomcat refused for its characters is no URI: the problem goes without an instance
            }
        }
        return problem;
    }
}
