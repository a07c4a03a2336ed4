package dev.migrationledger.service.projection;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The global index of the event a read-model handler is given: rows carry it (timeline entries show it,
 * lists are ordered by it, and it is part of keys that make a redelivered event a no-op). The tracking
 * token alone cannot always tell it: a gap-aware token's position is the highest index seen, so an event that
 * committed late, into a gap, comes with a position above its own. Within a batch, an event's token compared
 * with the one before it tells its index when that is certain ({@link #certainIndex}); the rest (the batch's
 * first event, late ones, any after a jump) are read from the event table by id, in one statement per batch.
 */
@Component
public class EventIndexes {

    private static final String BATCH = EventIndexes.class.getName();

    private final JdbcTemplate jdbc;

    EventIndexes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The global index of the event with {@code eventId}, which the current processor batch is handling. */
    public long of(String eventId) {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        Map<String, Long> indexes = batch.getOrComputeResource(BATCH, key -> indexes(
                batch instanceof BatchingUnitOfWork<?> events ? events.getMessages() : List.of(batch.getMessage())));
        Long index = indexes.get(eventId);
        if (index == null) {
            throw new IllegalStateException("event " + eventId + " was delivered but is not in the event store");
        }
        return index;
    }

    /**
     * The index of the event delivered with {@code current} right after the event delivered with
     * {@code previous}, when the two tokens prove it. Its token's index is the event's own exactly when the event
     * was no late one: then the index rose by one (no event between the two was skipped, which could have raised
     * it instead) and every gap the previous token had is still open (none was filled, by this event or another).
     * Anything else, gaps dropped by age included, is not proof, and the index is looked up.
     */
    static OptionalLong certainIndex(TrackingToken previous, TrackingToken current) {
        if (previous == null
                || !(WrappedToken.unwrapLowerBound(previous) instanceof GapAwareTrackingToken before)
                || !(WrappedToken.unwrapLowerBound(current) instanceof GapAwareTrackingToken after)) {
            return OptionalLong.empty();
        }
        if (after.getIndex() == before.getIndex() + 1 && after.getGaps().containsAll(before.getGaps())) {
            return OptionalLong.of(after.getIndex());
        }
        return OptionalLong.empty();
    }

    private Map<String, Long> indexes(List<? extends Message<?>> events) {
        Map<String, Long> indexes = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        TrackingToken previous = null;
        for (Message<?> event : events) {
            TrackingToken token = event instanceof TrackedEventMessage<?> tracked ? tracked.trackingToken() : null;
            OptionalLong index = token == null ? OptionalLong.empty() : certainIndex(previous, token);
            if (index.isPresent()) {
                indexes.put(event.getIdentifier(), index.getAsLong());
            } else {
                unknown.add(event.getIdentifier());
            }
            previous = token;
        }
        if (!unknown.isEmpty()) {
            jdbc.query(con -> {
                var ps = con.prepareStatement(
                        "SELECT event_identifier, global_index FROM domain_event_entry WHERE event_identifier = ANY(?)");
                ps.setArray(1, con.createArrayOf("varchar", unknown.toArray(String[]::new)));
                return ps;
            }, rs -> {
                indexes.put(rs.getString(1), rs.getLong(2));
            });
        }
        return indexes;
    }
}
