package dev.migrationledger.service.web;

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

    /** For answers that may be accepted (the fuzz run sends valid requests too): only errors are judged. */
    public static String violationOfError(int status, String contentType, String body) {
        if (status >= 500) {
            return "5xx";
        }
        if (status < 400) {
            return null;
        }
        if (contentType == null || !contentType.startsWith(Problem.MEDIA_TYPE)) {
            return "not a problem: " + contentType;
        }
        if (body.contains("Exception") || body.contains("\tat ") || body.contains("at dev.")) {
            return "internals in the body";
        }
        return null;
    }
}
