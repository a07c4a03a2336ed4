package dev.migrationledger.service.receipts;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;

/**
 * Appends every stored event to the Merkle log, in global order. Its processing group runs as one
 * pooled streaming processor with exactly one segment (see {@link LogProcessingConfig}), so events
 * arrive one after another in global-index order; errors propagate, so an event is retried, never skipped.
 */
@Component
@ProcessingGroup(MerkleLogProcessor.GROUP)
public class MerkleLogProcessor {

    public static final String GROUP = "merkle-log";

    private final LogAppender appender;

    public MerkleLogProcessor(LogAppender appender) {
        this.appender = appender;
    }

    @EventHandler
    public void on(EventMessage<?> event, TrackingToken token) {
        long globalIndex = token.position().orElseThrow(() ->
                new IllegalStateException("the event store's tokens carry a global index; got " + token));
        appender.append(globalIndex);
    }
}
