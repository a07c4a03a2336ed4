package dev.migrationledger.service.web;

import dev.migrationledger.service.problem.Problem;
import dev.migrationledger.service.problem.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

/**
 * Some handlers answer an error status and write no body at all: Spring Boot's welcome page answers a
 * request for {@code /} that does not accept HTML with a bare 406 (found by HttpFuzzProcessIT). Such an
 * answer gets a problem document here, so that no refusal is ever without one.
 */
public class BareErrorProblemFilter extends OncePerRequestFilter {

    private final ProblemWriter problems;

    public BareErrorProblemFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        BodyWatch watched = new BodyWatch(response);
        chain.doFilter(request, watched);
        int status = response.getStatus();
        if (status >= 400 && !watched.bodyStarted && !response.isCommitted() && !request.isAsyncStarted()) {
            problems.write(request, response, Problem.of(status, RequestRefusal.reasonPhrase(status),
                    status == 406 ? "this resource is not served in a type the request accepts (Accept header)"
                            : RequestRefusal.server(status).getDetail(), List.of()));
        }
    }

    /** Notes whether anything asked for the body: then the handler answered, and is left alone. */
    private static final class BodyWatch extends HttpServletResponseWrapper {

        private boolean bodyStarted;

        BodyWatch(HttpServletResponse response) {
            super(response);
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            bodyStarted = true;
            return super.getOutputStream();
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            bodyStarted = true;
            return super.getWriter();
        }

        @Override
        public void sendError(int sc, String msg) throws IOException {
            bodyStarted = true;
            super.sendError(sc, msg);
        }

        @Override
        public void sendError(int sc) throws IOException {
            bodyStarted = true;
            super.sendError(sc);
        }
    }
}
