package dev.migrationledger.service.web;

import dev.migrationledger.ledger.domain.CommandRejectedException;
import dev.migrationledger.ledger.domain.ReasonCode;
import dev.migrationledger.service.eventstore.LedgerIndex;
import dev.migrationledger.service.projection.ProjectionProgress;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.function.Supplier;

/**
 * The {@code minIndex} contract of every read: a client that wrote and got back a {@code lastIndex}
 * passes it, and the answer waits (bounded) until the read models include that write. A read is
 * never refused for being late; it is answered marked {@code Ledger-Stale: true} instead.
 * <p>
 * A client that did not write itself (another process, e.g. {@code ledger status} after
 * {@code ledger migrate}) sends {@code Ledger-Consistency: head} instead: the read then waits for
 * everything committed before the request arrived.
 */
@Component
class ReadYourWrites {

    static final String STALE_HEADER = "Ledger-Stale";
    static final String CONSISTENCY_HEADER = "Ledger-Consistency";

    private final ProjectionProgress progress;
    private final LedgerIndex index;

    ReadYourWrites(ProjectionProgress progress, LedgerIndex index) {
        this.progress = progress;
        this.index = index;
    }

    <T> ResponseEntity<T> answer(List<String> processingGroups, Long minIndex, Supplier<T> query) {
        if (minIndex == null && wantsHead()) {
            minIndex = index.head();
        }
        boolean stale = false;
        if (minIndex != null) {
            if (minIndex < 0) {
                throw new CommandRejectedException(ReasonCode.INVALID_INPUT.reason(
                        "minIndex is a global index, zero or more", "minIndex"));
            }
            stale = !progress.awaitIndex(processingGroups, minIndex);
        }
        T body = query.get();
        return stale ? ResponseEntity.ok().header(STALE_HEADER, "true").body(body) : ResponseEntity.ok(body);
    }

    private static boolean wantsHead() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                && "head".equalsIgnoreCase(attributes.getRequest().getHeader(CONSISTENCY_HEADER));
    }
}
