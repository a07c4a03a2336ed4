package dev.migrationledger.service.projection.events;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/** A page of the stream; pass {@code nextAfter} as the next {@code after} (it stays put when the page is empty). */
public record EventPage(List<Entry> events, long nextAfter) {

    /** One stored event as the audit stream shows it; {@code type} is the payload's simple class name. */
    public record Entry(long index, String eventId, String aggregateId, long sequenceNumber, String type,
                        String payloadType, Instant timestamp, JsonNode payload) {
    }
}
