package dev.migrationledger.service.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.List;

/** Writes problem documents where no controller runs: the security filters and the size limit. */
@Component
public class ProblemWriter {

    /** Seconds a client waits before retrying after a 503. */
    public static final String RETRY_AFTER_SECONDS = "2";

    private final ObjectMapper json;

    public ProblemWriter(ObjectMapper json) {
        this.json = json;
    }

    public void unauthorized(HttpServletResponse response, String detail) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"migration-ledger\"");
        write(response, Problem.of(401, "Unauthorized", detail, List.of()));
    }

    public void forbidden(HttpServletResponse response, String detail) throws IOException {
        write(response, Problem.of(403, "Forbidden", detail, List.of()));
    }

    /** The database is away (nothing was done); the client retries. */
    public void unavailable(HttpServletResponse response, String detail) throws IOException {
        response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
        write(response, Problem.of(503, "Service unavailable", detail, List.of()));
    }

    public void write(HttpServletResponse response, Problem problem) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(problem.status());
        response.setContentType(Problem.MEDIA_TYPE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
