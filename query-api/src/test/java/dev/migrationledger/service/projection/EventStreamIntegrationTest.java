package dev.migrationledger.service.projection;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationledger.ledger.domain.CommandRejectedException;
import dev.migrationledger.ledger.domain.ReasonCode;
import dev.migrationledger.service.eventstore.Fixtures;
import dev.migrationledger.service.projection.events.EventStreamQuery;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventStreamIntegrationTest extends ReadApiIntegrationTest {

    @Autowired
    EventStreamQuery stream;

    @Test
    void pagingThroughTheStreamReturnsEveryStoredEventOnceInOrder() {
        commands.sendAndWait(Fixtures.project("streamed"));
        commands.sendAndWait(Fixtures.plan("streamed", "1", "2", "3"));

        List<Long> seen = new ArrayList<>();
        long after = -1;
        while (true) {
            JsonNode page = get("/events?after=" + after + "&limit=2").getBody();
            JsonNode events = page.path("events");
            assertThat(events.size()).isLessThanOrEqualTo(2);
            if (events.isEmpty()) {
                assertThat(page.path("nextAfter").asLong()).isEqualTo(after);
                break;
            }
            events.forEach(e -> seen.add(e.path("index").asLong()));
            after = page.path("nextAfter").asLong();
            assertThat(after).isEqualTo(events.get(events.size() - 1).path("index").asLong());
        }

        assertThat(seen).isEqualTo(jdbc.queryForList("SELECT global_index FROM domain_event_entry ORDER BY global_index",
                Long.class));
    }

    @Test
    void eachEventCarriesItsStoredIdentityAndDecodedPayload() {
        commands.sendAndWait(Fixtures.project("decoded"));
        long index = lastIndex("decoded");

        JsonNode event = get("/events?after=" + (index - 1) + "&limit=1").getBody().path("events").get(0);

        assertThat(event.path("index").asLong()).isEqualTo(index);
        assertThat(event.path("aggregateId").asText()).isEqualTo("decoded");
        assertThat(event.path("sequenceNumber").asLong()).isZero();
        assertThat(event.path("type").asText()).isEqualTo("ProjectRegistered");
        assertThat(event.path("payloadType").asText()).isEqualTo("dev.migrationledger.ledger.api.ProjectRegistered");
        assertThat(event.path("eventId").asText()).isEqualTo(jdbc.queryForObject(
                "SELECT event_identifier FROM domain_event_entry WHERE global_index = ?", String.class, index));
        assertThat(event.path("timestamp").asText()).endsWith("Z");
        assertThat(event.path("payload").path("project").asText()).isEqualTo("decoded");
        assertThat(event.path("payload").path("environments").size()).isEqualTo(3);
    }

    @Test
    void limitDefaultsTo100AndIsCappedAt1000() {
        String[] versions = java.util.stream.IntStream.rangeClosed(1, 120).mapToObj(String::valueOf).toArray(String[]::new);
        commands.sendAndWait(Fixtures.project("bulk"));
        commands.sendAndWait(Fixtures.plan("bulk", versions));

        assertThat(stream.after(null, null).events()).hasSize(EventStreamQuery.DEFAULT_LIMIT);
        assertThat(stream.after(-1L, 1000).events()).hasSizeGreaterThan(120);

        assertThatThrownBy(() -> stream.after(-1L, 1001)).isInstanceOfSatisfying(CommandRejectedException.class,
                e -> assertThat(e.reasons()).singleElement().satisfies(r -> {
                    assertThat(r.code()).isEqualTo(ReasonCode.INVALID_INPUT);
                    assertThat(r.field()).isEqualTo("limit");
                }));
        assertThatThrownBy(() -> stream.after(-1L, 0)).isInstanceOf(CommandRejectedException.class);
        assertThatThrownBy(() -> stream.after(-2L, 10)).isInstanceOfSatisfying(CommandRejectedException.class,
                e -> assertThat(e.reasons().get(0).field()).isEqualTo("after"));
    }
}
