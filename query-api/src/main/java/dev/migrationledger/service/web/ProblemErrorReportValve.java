package dev.migrationledger.service.web;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Tomcat refuses some requests itself, before Spring sees them (a NUL or a backslash in the path, a
 * malformed URI); its default page is HTML. This valve answers those as problems too, so a client
 * gets application/problem+json whatever refused it. No Spring beans exist at this level, hence the
 * hand-written document.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String slug = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        try {
            response.setContentType(Problem.MEDIA_TYPE);
            response.setCharacterEncoding("UTF-8");
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"type\":\"" + Problem.TYPE_BASE + slug + "\",\"title\":\"" + title + "\",\"status\":" + status
                        + ",\"detail\":\"the HTTP server refused the request before the ledger read it "
                        + "(malformed URI, path or headers)\"}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response was taken over; nothing more to say
        }
    }
}
