package dev.migrationledger.service.receipts;

import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The log's processor. {@value MerkleLogProcessor#GROUP} has exactly one segment: the log is a single
 * sequence, so one thread appends it, in global order, a batch at a time, with its token in the same
 * transaction as the batch's leaves, checkpoint and receipts. It propagates handler errors: the batch
 * rolls back and is retried, because a skipped event would be a hole in the log or a fact without a
 * receipt.
 */
@org.springframework.context.annotation.Configuration
@EnableScheduling
public class LogProcessingConfig {

    @Bean
    public ConfigurerModule logProcessors() {
        return configurer -> configurer.eventProcessing()
                .registerPooledStreamingEventProcessor(MerkleLogProcessor.GROUP, Configuration::eventStore,
                        (config, builder) -> builder.initialSegmentCount(1).maxClaimedSegments(1).batchSize(256))
                .registerListenerInvocationErrorHandler(MerkleLogProcessor.GROUP, config -> PropagatingErrorHandler.instance());
    }
}
