package dev.migrationledger.service.web;

import dev.migrationledger.service.projection.events.EventPage;
import dev.migrationledger.service.projection.events.EventStreamQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
public class EventStreamController {

    private final EventStreamQuery events;
    private final ReadYourWrites reads;

    EventStreamController(EventStreamQuery events, ReadYourWrites reads) {
        this.events = events;
        this.reads = reads;
    }

    /** {@code minIndex} is accepted like on every read; the stream is the store itself, so there is nothing to wait for. */
    @GetMapping("/api/v1/events")
    @Operation(summary = "The raw audit stream: stored events after a global index, in order")
    public ResponseEntity<EventPage> events(
            @Parameter(description = "Global index to start after; -1 (default) for the beginning")
            @RequestParam(required = false) Long after,
            @Parameter(description = "Page size, 1 to 1000, default 100") @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) Long minIndex) {
        return reads.answer(List.of(), minIndex, () -> events.after(after, limit));
    }
}
