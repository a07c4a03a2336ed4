package dev.migrationledger.service.projection;

import dev.migrationledger.ledger.domain.CommandRejectedException;
import dev.migrationledger.ledger.domain.ReasonCode;
import dev.migrationledger.service.projection.compliance.ComplianceProjection;
import dev.migrationledger.service.projection.environmentstate.EnvironmentStateProjection;
import dev.migrationledger.service.projection.scripts.ScriptProjection;
import dev.migrationledger.service.projection.timeline.MigrationTimelineProjection;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Rebuilds a read model from the event store: stop its processor, reset its tokens (the projection's
 * {@code @ResetHandler} empties its tables in the same transaction), start it again; the replay then
 * runs in the background. Only read models are rebuildable: a processor with effects outside its own
 * tables (the Merkle log, receipts) must never be replayed this way.
 */
@Component
public class ProjectionRebuild {

    public static final List<String> REBUILDABLE = List.of(EnvironmentStateProjection.GROUP,
            MigrationTimelineProjection.GROUP, ComplianceProjection.GROUP, ScriptProjection.GROUP);

    private final EventProcessingConfiguration processing;

    ProjectionRebuild(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    /**
     * Starts the rebuild and returns once the tables are empty and the replay has begun. Resetting
     * claims the tokens, so while another replica holds the segment the reset fails with Axon's
     * UnableToClaimTokenException and nothing changes; the processor here is restarted either way.
     */
    public synchronized void rebuild(String name) {
        if (!REBUILDABLE.contains(name)) {
            throw new CommandRejectedException(ReasonCode.INVALID_INPUT.reason("no projection named '" + name
                    + "'; rebuildable: " + String.join(", ", REBUILDABLE), "name"));
        }
        StreamingEventProcessor processor = processing.eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("projection " + name + " has no streaming processor"));
        processor.shutDown();
        try {
            processor.resetTokens();
        } finally {
            processor.start();
        }
    }
}
