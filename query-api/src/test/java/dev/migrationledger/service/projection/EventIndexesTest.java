package dev.migrationledger.service.projection;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An index read off the tokens must be the event's own, whatever order events committed in: deliveries are
 * simulated with Axon's own token arithmetic (new events above the head leave gaps, late ones fill them, gaps
 * are dropped by age, some events are skipped by the processor), and every index claimed is checked.
 */
class EventIndexesTest {

    private record Delivery(long index, TrackingToken token, boolean handled) {
    }

    @Test
    void anIndexReadOffTheTokensIsTheEventsOwn() {
        int claimed = 0;
        int lookedUp = 0;
        for (long seed = 0; seed < 200; seed++) {
            Random random = new Random(seed);
            List<Delivery> deliveries = deliveries(random, 300);
            TrackingToken previous = null;
            for (Delivery delivery : deliveries) {
                if (!delivery.handled()) {
                    continue;
                }
                OptionalLong index = EventIndexes.certainIndex(previous, delivery.token());
                if (index.isPresent()) {
                    assertThat(index.getAsLong()).as("seed %d", seed).isEqualTo(delivery.index());
                    claimed++;
                } else {
                    lookedUp++;
                }
                previous = delivery.token();
            }
        }
        assertThat(claimed).as("most events are read off the tokens").isGreaterThan(lookedUp);
        assertThat(lookedUp).as("late and skipped-over events are looked up").isPositive();
    }

    @Test
    void aLateEventIsNeverGivenTheHeadsIndex() {
        GapAwareTrackingToken before = GapAwareTrackingToken.newInstance(10, List.of(9L));
        // 9 commits late, right after 11 arrived: its token's index is 11
        GapAwareTrackingToken eleven = before.advanceTo(11, 10_000);
        GapAwareTrackingToken nine = eleven.advanceTo(9, 10_000);
        assertThat(EventIndexes.certainIndex(eleven, nine)).isEmpty();
        // 9 late, 11 skipped by the processor in between: the index rose by one, but a gap closed
        assertThat(EventIndexes.certainIndex(before, nine)).isEmpty();
        assertThat(EventIndexes.certainIndex(before, eleven)).hasValue(11);
        assertThat(EventIndexes.certainIndex(null, eleven)).as("a batch's first event").isEmpty();
    }

    @Test
    void aReplayTokenIsReadByTheReplaysProgress() {
        GapAwareTrackingToken head = GapAwareTrackingToken.newInstance(100, List.of());
        TrackingToken five = ReplayToken.createReplayToken(head, GapAwareTrackingToken.newInstance(5, List.of()));
        TrackingToken six = ((ReplayToken) five).advancedTo(GapAwareTrackingToken.newInstance(6, List.of()));
        assertThat(EventIndexes.certainIndex(five, six)).hasValue(6);
    }

    /** Commit order is random: an index is taken at insert, and the event becomes visible when it commits. */
    private static List<Delivery> deliveries(Random random, int events) {
        List<Delivery> deliveries = new ArrayList<>();
        TreeSet<Long> uncommitted = new TreeSet<>();
        long nextIndex = 1;
        GapAwareTrackingToken token = GapAwareTrackingToken.newInstance(0, List.of());
        int maxGapOffset = 5 + random.nextInt(50);
        while (deliveries.size() < events) {
            int inFlight = random.nextInt(4);
            while (uncommitted.size() < inFlight) {
                uncommitted.add(nextIndex++);
            }
            if (uncommitted.isEmpty()) {
                uncommitted.add(nextIndex++);
            }
            // mostly the oldest commits first; sometimes a later one overtakes it
            long committed = random.nextInt(4) == 0 ? uncommitted.last() : uncommitted.first();
            uncommitted.remove(committed);
            if (committed <= token.getIndex() && !token.getGaps().contains(committed)) {
                continue; // its gap was dropped: the processor no longer fetches it
            }
            token = token.advanceTo(committed, maxGapOffset);
            if (random.nextInt(20) == 0 && token.hasGaps()) {
                // gaps older than the gap timeout are cleaned without an event
                token = token.withGapsTruncatedAt(token.getGaps().first() + 1);
            }
            deliveries.add(new Delivery(committed, token, random.nextInt(5) != 0));
        }
        return deliveries;
    }
}
