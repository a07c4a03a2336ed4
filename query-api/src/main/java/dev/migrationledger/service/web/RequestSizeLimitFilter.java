package dev.migrationledger.service.web;

import dev.migrationledger.ledger.domain.ScriptText;
import dev.migrationledger.service.problem.Problem;
import dev.migrationledger.service.problem.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Refuses request bodies over {@code ledger.max-request-bytes} with 413, whether the client declared
 * the length or streams the body chunked, before any of it is parsed. A script upload
 * ({@code PUT …/migrations/{v}/script}) may be larger: the script alone may have 1 MiB, and JSON
 * escapes each newline and quote in two bytes, next to its lint findings.
 */
public class RequestSizeLimitFilter extends OncePerRequestFilter {

    /** Thrown from the body stream; ProblemAdvice finds it in the cause chain and answers 413. */
    public static class BodyTooLargeException extends IOException {
        public BodyTooLargeException(long limit) {
            super("the request body exceeds " + limit + " bytes");
        }
    }

    static final long SCRIPT_UPLOAD_LIMIT = 2L * ScriptText.MAX_BYTES + 256 * 1024;
    private static final Pattern SCRIPT_UPLOAD = Pattern.compile("/api/v1/projects/[^/]+/migrations/[^/]+/script");

    private final long defaultLimit;
    private final ProblemWriter problems;

    public RequestSizeLimitFilter(long limit, ProblemWriter problems) {
        this.defaultLimit = limit;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = "PUT".equals(request.getMethod()) && SCRIPT_UPLOAD.matcher(request.getRequestURI()).matches()
                ? Math.max(defaultLimit, SCRIPT_UPLOAD_LIMIT) : defaultLimit;
        if (request.getContentLengthLong() > limit) {
            problems.write(request, response, tooLarge(limit));
            return;
        }
        chain.doFilter(new Limited(request, limit), response);
    }

    static ProblemDetail tooLarge(long limit) {
        return tooLarge("the request body exceeds " + limit + " bytes; split a batch of facts into several requests");
    }

    /** Also for a body found too large while it was read, when MVC or the container reports it. */
    static ProblemDetail tooLarge(String detail) {
        return Problem.of(413, "Payload too large", detail, List.of());
    }

    private static final class Limited extends HttpServletRequestWrapper {

        private final long limit;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            ServletInputStream in = super.getInputStream();
            return new ServletInputStream() {
                private long read;

                @Override
                public int read() throws IOException {
                    int b = in.read();
                    if (b >= 0) {
                        count(1);
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = in.read(buffer, offset, length);
                    if (n > 0) {
                        count(n);
                    }
                    return n;
                }

                private void count(int n) throws BodyTooLargeException {
                    read += n;
                    if (read > limit) {
                        throw new BodyTooLargeException(limit);
                    }
                }

                @Override
                public boolean isFinished() {
                    return in.isFinished();
                }

                @Override
                public boolean isReady() {
                    return in.isReady();
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    in.setReadListener(listener);
                }
            };
        }
    }
}
