package dev.migrationledger.service.projection.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationledger.ledger.domain.CommandRejectedException;
import dev.migrationledger.ledger.domain.ReasonCode;
import dev.migrationledger.service.eventstore.StoredEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * The raw audit stream: domain_event_entry itself, in global order, payloads as stored (not upcast).
 * There is no projection to lag behind, so this read never waits for one.
 */
@Component
public class EventStreamQuery {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    EventStreamQuery(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public EventPage after(Long after, Integer limit) {
        long from = after == null ? -1 : after;
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (from < -1) {
            throw new CommandRejectedException(ReasonCode.INVALID_INPUT.reason("after is -1 or a global index", "after"));
        }
        if (size < 1 || size > MAX_LIMIT) {
            throw new CommandRejectedException(ReasonCode.INVALID_INPUT.reason(
                    "limit is between 1 and " + MAX_LIMIT, "limit"));
        }
        List<EventPage.Entry> events = jdbc.query("SELECT " + StoredEvent.COLUMNS
                        + " FROM domain_event_entry WHERE global_index > ? ORDER BY global_index LIMIT ?",
                (rs, n) -> entry(StoredEvent.read(rs)), from, size);
        return new EventPage(events, events.isEmpty() ? from : events.get(events.size() - 1).index());
    }

    private EventPage.Entry entry(StoredEvent stored) {
        return new EventPage.Entry(stored.globalIndex(), stored.eventId(), stored.aggregateId(),
                stored.sequenceNumber(), stored.simpleType(), stored.payloadType(), Instant.parse(stored.timestamp()),
                payload(stored.payload()));
    }

    private JsonNode payload(byte[] bytes) {
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored payload is not JSON", e);
        }
    }
}
