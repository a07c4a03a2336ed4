package dev.migrationledger.service.projection.timeline;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/** One event concerning a migration, in the order of the ledger (its global index). */
public record TimelineEntry(long index, String type, String environment, String actor, Instant occurredAt,
                            Instant recordedAt, String summary, JsonNode event) {
}
