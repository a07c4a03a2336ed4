package dev.migrationledger.service.web;

import dev.migrationledger.service.problem.Problem;
import java.util.List;

/**
 * What every refused request must get (SPEC §7): a 4xx RFC 9457 problem that tells the client what was
 * wrong and nothing about the server's insides. Shared by the seeded hostile-input test, the HTTP edge
 * test and the HTTP fuzz run against the packaged service.
 */
public final class CleanRefusal {

    private CleanRefusal() {
    }

    /** Null when the answer is a clean refusal, else what is wrong with it. */
    public static String violation(int status, String contentType, String body) {
        return status < 400 ? "accepted" : violationOfError(status, contentType, body);
    }

    /** For answers that may be accepted (the fuzz runs send valid requests too): only errors are judged. */
    public static String violationOfError(int status, String contentType, String body) {
        return violationOfError(status, contentType, body, "");
    }

    /**
     * As above; {@code sent} is the request, since a problem may quote what the client sent (an unknown
     * field's name), and a client can send anything, "at dev." included (found by RequestBodyFuzzTest).
     */
    public static String violationOfError(int status, String contentType, String body, String sent) {
        if (status >= 500) {
            return "5xx";
        }
        if (status < 400) {
            return null;
        }
        if (contentType == null || !contentType.startsWith(Problem.MEDIA_TYPE)) {
            return "not a problem: " + contentType;
        }
        for (String internal : INTERNALS) {
            if (body.contains(internal) && !sent.contains(internal)) {
                return "internals in the body";
            }
        }
        return null;
    }

    /** What a stack trace or a Java exception's message would bring into a body. */
    private static final List<String> INTERNALS = List.of("Exception", "\tat ", "at dev.", ".java:", "org.springframework",
            "com.fasterxml", "org.axonframework");
}
