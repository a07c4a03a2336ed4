package dev.migrationledger.service.projection;

import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The global index of the event a read-model handler is given: rows carry it (timeline entries show it,
 * lists are ordered by it, and it is part of keys that make a redelivered event a no-op). The tracking
 * token cannot tell it: a gap-aware token's position is the highest index seen, so an event that committed
 * late, into a gap, comes with a position above its own. So the indexes of a processor batch's events are
 * read once per batch from the event table, by event id.
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
        Map<String, Long> indexes = batch.getOrComputeResource(BATCH, key -> lookup(
                batch instanceof BatchingUnitOfWork<?> events ? events.getMessages() : List.of(batch.getMessage())));
        Long index = indexes.get(eventId);
        if (index == null) {
            throw new IllegalStateException("event " + eventId + " was delivered but is not in the event store");
        }
        return index;
    }

    private Map<String, Long> lookup(List<? extends Message<?>> events) {
        String[] ids = events.stream().map(Message::getIdentifier).toArray(String[]::new);
        Map<String, Long> indexes = new HashMap<>();
        jdbc.query(con -> {
            var ps = con.prepareStatement(
                    "SELECT event_identifier, global_index FROM domain_event_entry WHERE event_identifier = ANY(?)");
            ps.setArray(1, con.createArrayOf("varchar", ids));
            return ps;
        }, rs -> {
            indexes.put(rs.getString(1), rs.getLong(2));
        });
        return indexes;
    }
}
