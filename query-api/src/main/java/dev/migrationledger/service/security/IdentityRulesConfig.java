package dev.migrationledger.service.security;

import dev.migrationledger.ledger.domain.IdentityRulesAggregate;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The identity rules' aggregate (ledger-core is Spring-free, so it is registered here) and their read
 * model's processor: subscribing, so the table changes in the command's own transaction, on every
 * instance at once (they share the table). It has no token to replay from; the table only ever changes
 * with its events, in the same transaction.
 */
@Configuration
public class IdentityRulesConfig {

    @Bean
    public ConfigurerModule identityRulesAggregate() {
        return configurer -> {
            configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(IdentityRulesAggregate.class));
            configurer.eventProcessing().registerSubscribingEventProcessor(IdentityRuleProjection.GROUP);
        };
    }
}
