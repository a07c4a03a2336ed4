package dev.migrationledger.service.projection;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every event processor's batch announces its commit ({@link ProcessorCommits}), once per batch. */
@Configuration
public class ProcessorCommitsConfig {

    private static final String ANNOUNCED = ProcessorCommits.class.getName() + ".announced";

    @Bean
    public ConfigurerModule processorCommitAnnouncements(ProcessorCommits commits) {
        MessageHandlerInterceptor<EventMessage<?>> announce = (unitOfWork, chain) -> {
            var batch = unitOfWork.root();
            batch.getOrComputeResource(ANNOUNCED, key -> {
                batch.onPrepareCommit(u -> commits.announce());
                return Boolean.TRUE;
            });
            return chain.proceed();
        };
        return configurer -> configurer.eventProcessing().registerDefaultHandlerInterceptor((config, name) -> announce);
    }
}
