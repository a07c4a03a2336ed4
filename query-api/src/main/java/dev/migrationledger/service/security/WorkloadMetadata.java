package dev.migrationledger.service.security;

import dev.migrationledger.ledger.domain.WorkloadIdentity;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.MultiCorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.List;
import java.util.function.BiFunction;

/**
 * Where a workload identity's job came from (repository, ref, sha, run…, SPEC §10) travels into every
 * event its request records, as Axon metadata: stamped on the command when it is sent (on the request's
 * thread, where the authentication is; retries re-send the stamped message), and copied by a correlation
 * data provider onto each event the command applies. The metadata is stored, hashed into the event's
 * Merkle leaf, and shipped in receipts, so an auditor reads the job from what the platform signed.
 */
@Configuration
public class WorkloadMetadata {

    /**
     * Replaces Axon's default provider (which any provider bean turns off): its trace and correlation
     * ids are kept, and the identity keys are added.
     */
    @Bean
    public CorrelationDataProvider ledgerCorrelationData() {
        return new MultiCorrelationDataProvider<>(List.of(new MessageOriginProvider(),
                new SimpleCorrelationDataProvider(WorkloadIdentity.METADATA_KEYS.toArray(String[]::new))));
    }

    @Bean
    public InitializingBean workloadMetadataOnCommands(CommandGateway commands) {
        return () -> commands.registerDispatchInterceptor(new Stamp());
    }

    /** Adds the caller's identity metadata to commands sent by a workload identity's request. */
    static final class Stamp implements MessageDispatchInterceptor<CommandMessage<?>> {

        @Override
        public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
            var authentication = SecurityContextHolder.getContext().getAuthentication();
            if (!(authentication instanceof WorkloadAuthentication workload)) {
                return (index, message) -> message;
            }
            var metadata = workload.identity().metadata();
            return (index, message) -> message.andMetaData(metadata);
        }
    }
}
