package dev.migrationledger.service.projection.events;

import java.util.List;

/** A page of the stream; pass {@code nextAfter} as the next {@code after} (it stays put when the page is empty). */
public record EventPage(List<StoredEvent> events, long nextAfter) {
}
