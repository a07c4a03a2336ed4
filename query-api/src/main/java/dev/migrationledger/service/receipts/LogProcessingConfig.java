package dev.migrationledger.service.receipts;

import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The two processors of the log. {@value MerkleLogProcessor#GROUP} has exactly one segment: the log is a
 * single sequence, so one thread appends it, in global order, with its token in the same transaction as
 * its leaves. Both propagate handler errors: the batch rolls back and is retried, because a skipped
 * event would be a hole in the log or a fact without a receipt.
 */
@org.springframework.context.annotation.Configuration
@EnableScheduling
public class LogProcessingConfig {

    @Bean
    public ConfigurerModule logProcessors() {
        return configurer -> configurer.eventProcessing()
                .registerPooledStreamingEventProcessor(MerkleLogProcessor.GROUP, Configuration::eventStore,
                        (config, builder) -> builder.initialSegmentCount(1).maxClaimedSegments(1).batchSize(100))
                .registerListenerInvocationErrorHandler(MerkleLogProcessor.GROUP, config -> PropagatingErrorHandler.instance())
                .registerPooledStreamingEventProcessor(ReceiptProcessor.GROUP, Configuration::eventStore,
                        (config, builder) -> builder.initialSegmentCount(4))
                .registerListenerInvocationErrorHandler(ReceiptProcessor.GROUP, config -> PropagatingErrorHandler.instance());
    }
}
