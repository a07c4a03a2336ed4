package dev.migrationledger.ledger.domain;

import org.axonframework.common.AxonNonTransientException;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A request (plan, approve, authorize, correct…) refused by the ledger, with every reason at once.
 * Nothing was recorded. Facts are never refused this way, except when malformed or conflicting with
 * an earlier use of the same idempotency key. Non-transient, so Axon never retries it.
 */
public class CommandRejectedException extends AxonNonTransientException {

    private final transient List<Reason> reasons;

    public CommandRejectedException(List<Reason> reasons) {
        super(reasons.stream().map(r -> r.code() + ": " + r.message()).collect(Collectors.joining("; ")));
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("a rejection lists at least one reason");
        }
        this.reasons = List.copyOf(reasons);
    }

    public CommandRejectedException(Reason reason) {
        this(List.of(reason));
    }

    public List<Reason> reasons() {
        return reasons;
    }

    public boolean hasCode(ReasonCode code) {
        return reasons.stream().anyMatch(r -> r.code() == code);
    }
}
