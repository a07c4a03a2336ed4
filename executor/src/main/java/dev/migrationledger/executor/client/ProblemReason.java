package dev.migrationledger.executor.client;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One entry of a problem response's {@code reasons} or a fact's {@code violations}. The code stays a
 * string: a newer service may send a code this client does not know, and it must still be shown.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProblemReason(String code, String message, String field) {

    public String format() {
        return code + (field == null ? "" : " (" + field + ")") + (message == null ? "" : ": " + message);
    }
}
