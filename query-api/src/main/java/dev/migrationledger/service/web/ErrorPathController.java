package dev.migrationledger.service.web;

import dev.migrationledger.service.problem.Problem;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Replaces Spring Boot's /error page: whatever reaches the container's error dispatch (an exception
 * escaping a filter, a rejected request) is answered as a problem, never Boot's
 * {@code {"timestamp","error","path"}} document, and never with a stack trace. An exception that is the
 * client's fault (see {@link RequestRefusal}) is answered 4xx even though the container calls it 500.
 */
@RestController
public class ErrorPathController implements ErrorController {

    @RequestMapping("/error")
    public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable thrown) {
            var refusal = RequestRefusal.causedBy(thrown);
            if (refusal.isPresent()) {
                return ProblemAdvice.respond(refusal.get());
            }
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (code == null) {
            // a client asking for /error itself, not the container's error dispatch
            return ProblemAdvice.respond(Problem.of(404, "Not found", "no such resource; see /v3/api-docs", List.of()));
        }
        int status = code instanceof Integer n && n >= 400 ? n : 500;
        String detail = status >= 500 ? "an unexpected error occurred; it was logged"
                : "the request was refused before it reached the ledger (malformed path, headers or body)";
        return ProblemAdvice.respond(Problem.of(status, RequestRefusal.reasonPhrase(status), detail, List.of()));
    }
}
