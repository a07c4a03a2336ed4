package dev.migrationledger.service.receipts;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.stereotype.Component;

/**
 * Appends every stored event to the Merkle log, in global order. Its processing group runs as one
 * pooled streaming processor with exactly one segment (see {@link LogProcessingConfig}), so events
 * arrive one after another in the order Axon streams them: global-index order, except that an event
 * whose transaction commits after a higher index is delivered (and logged) when it commits, within the
 * gap timeout. Errors propagate, so an event is retried, never skipped.
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
    public void on(EventMessage<?> event) {
        appender.append(event.getIdentifier());
    }
}
