package dev.migrationledger.service.config;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandBusSpanFactory;
import org.axonframework.commandhandling.DuplicateCommandHandlerResolver;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's local command bus, built as its Spring Boot auto-configuration builds it (transactions, span
 * factory, monitor, correlation data copied onto events), inside the group commit for one project.
 * Declaring a CommandBus bean is what turns the auto-configured one off.
 */
@Configuration
public class CommandBusConfig {

    @Bean
    @Qualifier("localSegment")
    public CommandBus commandBus(TransactionManager transactionManager, org.axonframework.config.Configuration axon,
                                 DuplicateCommandHandlerResolver duplicates, LedgerProperties properties,
                                 MeterRegistry meters) {
        SimpleCommandBus local = SimpleCommandBus.builder()
                .transactionManager(transactionManager)
                .duplicateCommandHandlerResolver(duplicates)
                .spanFactory(axon.getComponent(CommandBusSpanFactory.class))
                .messageMonitor(axon.messageMonitor(CommandBus.class, "commandBus"))
                .build();
        local.registerHandlerInterceptor(new CorrelationDataInterceptor<>(axon.correlationDataProviders()));
        return new GroupCommitCommandBus(local, transactionManager, properties.commandBatch(), meters);
    }
}
