package dev.migrationledger.ledger.domain;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Why a request was rejected or what rule a recorded fact broke. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Reason(ReasonCode code, String message, String field) {

    public Reason {
        if (code == null) {
            throw new IllegalArgumentException("a reason has a code");
        }
        message = message == null || message.isBlank() ? code.advice() : message;
    }
}
