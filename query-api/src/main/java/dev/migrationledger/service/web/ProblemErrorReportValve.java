package dev.migrationledger.service.web;

import dev.migrationledger.service.problem.Problem;
import dev.migrationledger.service.problem.ProblemWriter;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.ProblemDetail;

import java.io.IOException;
import java.io.PrintWriter;

/**
 * Tomcat refuses some requests itself, before Spring sees them (a NUL or a backslash in the path, a
 * malformed URI or request line, headers over the size limit); its default page is HTML. This valve
 * answers those as problems too, so a client gets application/problem+json whatever refused it. It is
 * put on the host by {@link WebConfig}, with the writer every filter uses.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    private final ProblemWriter problems;

    ProblemErrorReportValve(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        ProblemDetail problem = RequestRefusal.server(status);
        try {
            response.setStatus(problem.getStatus());
            response.setContentType(Problem.MEDIA_TYPE);
            response.setCharacterEncoding("UTF-8");
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                writer.write(problems.text(problem, request.getRequestURI()));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response was taken over; nothing more to say
        }
    }
}
