package dev.migrationledger.service.projection;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * How far each event processor is behind the head of the event store, in events: published as the
 * {@code ledger.processor.lag} gauge and in {@code /actuator/health} (component "processors").
 * A processor with an error is DOWN; lag alone is reported, not judged, because a rebuild lags by design.
 */
@Component("processors")
public class ProcessorLag implements HealthIndicator {

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final MeterRegistry meters;

    public ProcessorLag(EventProcessingConfiguration processing, JdbcTemplate jdbc, MeterRegistry meters) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.meters = meters;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void registerGauges() {
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor) {
                Gauge.builder("ledger.processor.lag", () -> lag(name).orElse(-1))
                        .description("events the processor is behind the head of the event store")
                        .tag("processor", name).register(meters);
            }
        });
    }

    public long head() {
        Long head = jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
        return head == null ? 0 : head;
    }

    public OptionalLong lag(String processorName) {
        return processing.eventProcessor(processorName, StreamingEventProcessor.class)
                .map(p -> lag(p, head()))
                .orElse(OptionalLong.empty());
    }

    private static OptionalLong lag(StreamingEventProcessor processor, long head) {
        long slowest = Long.MAX_VALUE;
        for (EventTrackerStatus status : processor.processingStatus().values()) {
            slowest = Math.min(slowest, status.getCurrentPosition().orElse(0));
        }
        return slowest == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(Math.max(0, head - slowest));
    }

    @Override
    public Health health() {
        long head = head();
        Map<String, Object> details = new LinkedHashMap<>();
        boolean up = true;
        for (var entry : processing.eventProcessors().entrySet()) {
            if (!(entry.getValue() instanceof StreamingEventProcessor processor)) {
                continue;
            }
            boolean failing = processor.isError()
                    || processor.processingStatus().values().stream().anyMatch(EventTrackerStatus::isErrorState);
            up &= !failing && processor.isRunning();
            OptionalLong lag = lag(processor, head);
            details.put(entry.getKey(), Map.of("running", processor.isRunning(), "error", failing,
                    "lag", lag.isPresent() ? lag.getAsLong() : "unclaimed"));
        }
        details.put("head", head);
        return (up ? Health.up() : Health.down()).withDetails(details).build();
    }
}
