package dev.migrationledger.ledger.domain;

import dev.migrationledger.ledger.api.LedgerEvent;
import org.junit.jupiter.api.Test;

import static dev.migrationledger.ledger.domain.Given.*;
import static org.assertj.core.api.Assertions.assertThat;

/** What a project's state holds grows with its history: the service's aggregate cache is bounded by it. */
class StateEntriesTest {

    private static ProjectAggregate after(Object... events) {
        ProjectAggregate aggregate = new ProjectAggregate();
        for (Object event : events) {
            aggregate.on((LedgerEvent) event);
        }
        return aggregate;
    }

    @Test
    void everyPlannedVersionApprovalAndFactAddsToIt() {
        long registered = after(events(projectRegistered())).stateEntries();
        long planned = after(events(projectRegistered(), planned("1"), planned("2"))).stateEntries();
        long applied = after(events(projectRegistered(), planned("1"), planned("2"), approvedTwice("1"),
                authorized(DEV, "run-dev", "1"), applied(DEV, "1"))).stateEntries();

        assertThat(registered).as("three environments and their policies").isGreaterThanOrEqualTo(6);
        assertThat(planned).as("two versions, each unapplied in three environments").isGreaterThanOrEqualTo(registered + 8);
        assertThat(applied).isGreaterThan(planned + 3);
    }

    @Test
    void aThousandFactsWeighAboutAThousandTimesOne() {
        Object[] history = new Object[2 + 3 * 1000];
        history[0] = projectRegistered();
        history[1] = planned("0");
        for (int i = 1; i <= 1000; i++) {
            String v = Integer.toString(i);
            history[3 * i - 1] = planned(v);
            history[3 * i] = authorized(DEV, "run-" + v, v);
            history[3 * i + 1] = applied(DEV, v);
        }
        long entries = after(events(history)).stateEntries();

        assertThat(entries).isBetween(3_000L, 12_000L);
    }
}
