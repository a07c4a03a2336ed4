package dev.migrationledger.service.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.migrationledger.ledger.domain.CommandRejectedException;
import dev.migrationledger.ledger.domain.Reason;
import dev.migrationledger.ledger.domain.ReasonCode;
import dev.migrationledger.service.config.DatabaseOutage;
import dev.migrationledger.service.notifications.Webhooks;
import dev.migrationledger.service.problem.Problem;
import dev.migrationledger.service.problem.ProblemWriter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Every error the API returns is an RFC 9457 problem: what was wrong, with every reason, and never a
 * stack trace. Rejections by rule are 422, unknown things 404, idempotency conflicts 409, malformed
 * input 400, and a database that is away 503 with Retry-After (nothing was recorded).
 */
@RestControllerAdvice
public class ProblemAdvice {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);
    private static final int MAX_DETAIL = 300;

    private final MeterRegistry meters;

    public ProblemAdvice(MeterRegistry meters) {
        this.meters = meters;
    }

    @ExceptionHandler(CommandRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(CommandRejectedException e) {
        List<Reason> reasons = e.reasons();
        reasons.forEach(r -> meters.counter("ledger.requests.rejected", "reason", r.code().name()).increment());
        return respond(Problem.rejected(reasons, MAX_DETAIL));
    }

    @ExceptionHandler(LogController.LogNotFound.class)
    ResponseEntity<ProblemDetail> logNotFound(LogController.LogNotFound e) {
        return respond(Problem.of(404, "Not found", truncate(e.getMessage()), List.of()));
    }

    @ExceptionHandler(Webhooks.UnknownWebhook.class)
    ResponseEntity<ProblemDetail> unknownWebhook(Webhooks.UnknownWebhook e) {
        return respond(Problem.of(404, "Not found", truncate(e.getMessage()), List.of()));
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> unknownProject(AggregateNotFoundException e) {
        return rejected(new CommandRejectedException(ReasonCode.UNKNOWN_PROJECT.reason(
                "no project '" + truncate(String.valueOf(e.getAggregateIdentifier())) + "' is registered")));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RequestSizeLimitFilter.BodyTooLargeException) {
                return respond(RequestSizeLimitFilter.tooLarge(t.getMessage()));
            }
        }
        Throwable cause = e.getCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return respond(Problem.invalid("unknown field '" + truncate(unknown.getPropertyName()) + "'",
                    path(unknown)));
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            // Jackson's own message names Java classes and exceptions; the client needs the expected shape
            return respond(Problem.invalid("field " + path(mapping) + " cannot be read: " + expected(mapping),
                    path(mapping)));
        }
        if (cause instanceof JsonProcessingException parsing) {
            String original = parsing.getOriginalMessage();
            return respond(Problem.invalid("the body is not valid JSON: " + truncate(original == null ? "" : original.split("\n")[0]), null));
        }
        return respond(Problem.invalid("the request body is missing or unreadable", null));
    }

    /**
     * The firewall checks a parameter's name when it is first read: for a form-encoded body that is while
     * the body is read, inside Spring MVC, so the rejection arrives here rather than at its handler.
     */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<ProblemDetail> firewall(RequestRejectedException e) {
        ProblemDetail problem = RequestRefusal.firewall(e);
        var response = ResponseEntity.status(problem.getStatus()).contentType(Problem.MEDIA);
        if (problem.getStatus() == 405) {
            response.header(HttpHeaders.ALLOW, RequestRefusal.ALLOWED_METHODS);
        }
        return response.body(problem);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> illegalArgument(IllegalArgumentException e) {
        return respond(Problem.invalid(truncate(e.getMessage()), null));
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class,
            MissingRequestHeaderException.class})
    ResponseEntity<ProblemDetail> badParameter(Exception e) {
        String name = e instanceof MethodArgumentTypeMismatchException m ? m.getName()
                : e instanceof MissingServletRequestParameterException p ? p.getParameterName()
                : ((MissingRequestHeaderException) e).getHeaderName();
        return respond(Problem.invalid("parameter '" + name + "' is missing or malformed", name));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e) {
        return respond(Problem.of(415, "Unsupported media type", "send the body as application/json", List.of()));
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return respond(Problem.of(406, "Not acceptable", "this resource is served as application/json", List.of()));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e) {
        return respond(Problem.of(405, "Method not allowed", e.getMethod() + " is not supported here", List.of()));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> noResource(NoResourceFoundException e) {
        return respond(Problem.of(404, "Not found", "no such resource; see /v3/api-docs", List.of()));
    }

    /** Still racing after the gateway's retries (CommandRetryConfig): the client retries later. */
    @ExceptionHandler({ConcurrencyException.class, AggregateStreamCreationException.class})
    ResponseEntity<ProblemDetail> concurrency(Exception e) {
        return unavailable("the project is being changed by many writers at once; retry");
    }

    @ExceptionHandler({CannotGetJdbcConnectionException.class, DataAccessResourceFailureException.class,
            TransientDataAccessException.class})
    ResponseEntity<ProblemDetail> database(Exception e) {
        log.warn("database unavailable: {}", e.getMessage());
        return unavailable("the ledger's database is unavailable; nothing was recorded; retry");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (DatabaseOutage.causedBy(e)) {
            return database(e);
        }
        var refusal = RequestRefusal.causedBy(e);
        if (refusal.isPresent()) {
            return respond(refusal.get());
        }
        log.error("unexpected error", e);
        return respond(Problem.of(500, "Internal error", "an unexpected error occurred; it was logged", List.of()));
    }

    private ResponseEntity<ProblemDetail> unavailable(String detail) {
        return ResponseEntity.status(503).header(HttpHeaders.RETRY_AFTER, ProblemWriter.RETRY_AFTER_SECONDS)
                .contentType(Problem.MEDIA)
                .body(Problem.of(503, "Service unavailable", detail, List.of()));
    }

    static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        if (problem.getStatus() < 500) {
            logClientError(problem);
        }
        return ResponseEntity.status(problem.getStatus()).contentType(Problem.MEDIA).body(problem);
    }

    /**
     * An expected client error (unknown project, bad input, a rule's rejection) is the client's to fix:
     * one line, never a stack trace. Control characters from the request are escaped, so a crafted id
     * cannot forge log lines.
     */
    private static void logClientError(ProblemDetail problem) {
        if (!log.isInfoEnabled()) {
            return;
        }
        String request = RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest().getMethod() + " " + attributes.getRequest().getRequestURI() : "request";
        log.info("{} answered {} {}: {}", oneLine(truncate(request)), problem.getStatus(), problem.getTitle(),
                oneLine(problem.getDetail()));
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\p{Cntrl}", "?");
    }

    private static String expected(JsonMappingException e) {
        Class<?> type = e instanceof MismatchedInputException m ? m.getTargetType() : null;
        if (type == null) {
            return "wrong type or format";
        }
        if (type.isEnum()) {
            return "expected one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf)
                    .collect(Collectors.joining(", "));
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "expected an RFC 3339 UTC time such as 2026-05-01T10:00:00Z";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "expected a whole number within range";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "expected true or false";
        }
        if (type == String.class) {
            return "expected a string";
        }
        if (type == UUID.class) {
            return "expected a UUID";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "expected a list";
        }
        return "expected an object of the documented shape";
    }

    private static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(truncate(ref.getFieldName()));
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String truncate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL) + "…";
    }
}
