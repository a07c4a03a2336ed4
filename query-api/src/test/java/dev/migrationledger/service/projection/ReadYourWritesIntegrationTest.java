package dev.migrationledger.service.projection;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationledger.service.eventstore.Fixtures;
import dev.migrationledger.service.projection.environmentstate.EnvironmentStateProjection;
import dev.migrationledger.service.projection.scripts.ScriptProjection;
import dev.migrationledger.service.projection.timeline.MigrationTimelineProjection;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ReadYourWritesIntegrationTest extends ReadApiIntegrationTest {

    private static final List<String> GROUPS = List.of(EnvironmentStateProjection.GROUP, MigrationTimelineProjection.GROUP);

    @Autowired
    ProjectionProgress progress;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    ProcessorLag lag;
    @Autowired
    MeterRegistry meters;

    @Test
    void aReadWithMinIndexSeesTheWriteThatReturnedIt() {
        commands.sendAndWait(Fixtures.project("ryw"));
        for (int i = 1; i <= 10; i++) {
            String version = String.valueOf(i);
            commands.sendAndWait(Fixtures.plan("ryw", version));
            long written = lastIndex("ryw");

            ResponseEntity<JsonNode> state = get("/projects/ryw/environments/dev/state?minIndex=" + written);

            assertThat(state.getHeaders().get("Ledger-Stale")).isNull();
            assertThat(state.getBody().path("lastIndex").asLong()).isGreaterThanOrEqualTo(written);
            assertThat(texts(state.getBody().path("pending"), "version")).contains(version);
            assertThat(get("/projects/ryw/migrations/" + version + "/timeline?minIndex=" + written).getBody()
                    .path("events")).isNotEmpty();
        }
    }

    @Test
    void aReadThatCannotBeServedInTimeIsAnsweredAndMarkedStale() {
        commands.sendAndWait(Fixtures.project("late"));
        long beyond = lastIndex("late") + 1_000_000;

        ResponseEntity<JsonNode> state = get("/projects/late/environments/dev/state?minIndex=" + beyond);

        assertThat(state.getStatusCode().is2xxSuccessful()).isTrue();
        assertThat(state.getHeaders().getFirst("Ledger-Stale")).isEqualTo("true");
        assertThat(state.getBody().path("environment").asText()).isEqualTo("dev");
    }

    @Test
    void progressIsJudgedFromEverySegmentsStoredToken() {
        commands.sendAndWait(Fixtures.project("tokens"));
        long written = lastIndex("tokens");

        assertThat(progress.awaitIndex(GROUPS, written, Duration.ofSeconds(10))).isTrue();
        assertThat(progress.hasReached(EnvironmentStateProjection.GROUP, written)).isTrue();
        assertThat(progress.hasReached(EnvironmentStateProjection.GROUP, written + 1_000)).isFalse();
        assertThat(progress.awaitIndex(GROUPS, written + 1_000, Duration.ofMillis(100))).isFalse();
        assertThat(progress.hasReached("no-such-processor", 0)).isFalse();
        assertThat(progress.lastIndex(EnvironmentStateProjection.GROUP)).isGreaterThanOrEqualTo(written);
        assertThat(progress.lastIndex("no-such-processor")).isEqualTo(-1);
        // one segment per read model: global order, one token per group
        for (String group : GROUPS) {
            assertThat(jdbc.queryForObject("SELECT count(*) FROM token_entry WHERE processor_name = ?", Long.class, group))
                    .isEqualTo(1);
        }
    }

    /**
     * Where another replica owns the segment this instance has no in-memory status: progress is its stored
     * token, and events the group has no handler for (which move the stored token only at the owner's next
     * claim extension) are nothing to wait for. A processor shut down here is such a segment.
     */
    @Test
    void aSegmentProcessedElsewhereIsJudgedFromItsStoredToken() {
        StreamingEventProcessor scripts = processing.eventProcessor(ScriptProjection.GROUP,
                StreamingEventProcessor.class).orElseThrow();
        long planned;
        scripts.shutDown();
        try {
            assertThat(scripts.processingStatus()).isEmpty();
            commands.sendAndWait(Fixtures.project("elsewhere"));
            long registered = lastIndex("elsewhere");
            assertThat(progress.hasReached(ScriptProjection.GROUP, registered)).as("no script handler for it").isTrue();

            commands.sendAndWait(Fixtures.plan("elsewhere", "1"));
            planned = lastIndex("elsewhere");
            assertThat(progress.hasReached(ScriptProjection.GROUP, planned)).as("a plan is handled").isFalse();
            assertThat(progress.lastIndex(ScriptProjection.GROUP)).isLessThan(planned);
        } finally {
            scripts.start();
        }
        assertThat(progress.awaitIndex(List.of(ScriptProjection.GROUP), planned, Duration.ofSeconds(30))).isTrue();
        assertThat(progress.lastIndex(ScriptProjection.GROUP)).isGreaterThanOrEqualTo(planned);
    }

    /** The lag gauge and the health details are the head of the store minus the processor's token. */
    @Test
    void lagIsHowFarATokenIsBehindTheHead() {
        commands.sendAndWait(Fixtures.project("lagging"));
        StreamingEventProcessor scripts = processing.eventProcessor(ScriptProjection.GROUP,
                StreamingEventProcessor.class).orElseThrow();
        scripts.shutDown();
        try {
            commands.sendAndWait(Fixtures.plan("lagging", "1"));
            assertThat(lag.lag(ScriptProjection.GROUP)).as("no segment processed here").isEmpty();
            assertThat(lag.health().getDetails().get(ScriptProjection.GROUP).toString()).contains("lag=unclaimed");
        } finally {
            scripts.start();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(lag.lag(ScriptProjection.GROUP)).hasValue(0);
            assertThat(lag.lag(EnvironmentStateProjection.GROUP)).hasValue(0);
            assertThat(meters.get("ledger.processor.lag").tag("processor", ScriptProjection.GROUP).gauge().value())
                    .isZero();
        });
    }
}
