package dev.migrationledger.service.projection.events;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/** One row of the event store as the audit stream shows it; {@code type} is the payload's simple class name. */
public record StoredEvent(long index, String eventId, String aggregateId, long sequenceNumber, String type,
                          String payloadType, Instant timestamp, JsonNode payload) {
}
