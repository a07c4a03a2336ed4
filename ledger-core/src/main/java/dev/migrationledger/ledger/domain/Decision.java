package dev.migrationledger.ledger.domain;

import dev.migrationledger.ledger.api.LedgerEvent;

import java.util.List;
import java.util.function.Supplier;

/**
 * What a rule helper of {@link ProjectAggregate} decided: the events to record, in order, and the command's
 * answer. The helpers only read state; the aggregate applies the events, so every change of state goes
 * through its event-sourcing handler. The answer is read after the events are applied because it often
 * is what they recorded (a replay answers what the first request recorded).
 */
record Decision<T>(List<LedgerEvent> events, Supplier<T> answer) {

    Decision {
        events = List.copyOf(events);
    }

    /** Nothing to record: a replay, a dry run or a request that changes nothing. */
    static <T> Decision<T> nothing(T answer) {
        return new Decision<>(List.of(), () -> answer);
    }
}
