package dev.migrationledger.service.config;

import dev.migrationledger.ledger.domain.CommandRejectedException;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.ExponentialBackOffIntervalRetryScheduler;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The command gateway retries a command a few times when it lost a race or the database connection,
 * before the client ever sees a 503. Both are safe to retry: the failed attempt's unit of work rolled
 * back, and the retry is judged against the state as it is now. Two instances appending to one project
 * collide on (aggregate, sequence) → ConcurrencyException; pg_terminate_backend or a failover breaks
 * the connection under a command. Rule rejections ({@code CommandRejectedException}) are never
 * retried; neither is anything else (a bug does not get better by repeating it).
 */
@Configuration
public class CommandRetryConfig {

    /** 50, 100, 200, 400 ms: spread out, so that racing instances do not collide again in lockstep. */
    private static final int BACKOFF_MILLIS = 50;
    private static final int RETRIES = 4;

    @Bean(destroyMethod = "shutdownNow")
    public ScheduledExecutorService commandRetryExecutor() {
        return Executors.newScheduledThreadPool(2, r -> {
            Thread thread = new Thread(r, "ledger-command-retry");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    public CommandGateway commandGateway(CommandBus commandBus, ScheduledExecutorService commandRetryExecutor) {
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(ExponentialBackOffIntervalRetryScheduler.builder()
                        .retryExecutor(commandRetryExecutor)
                        .backoffFactor(BACKOFF_MILLIS)
                        .maxRetryCount(RETRIES)
                        .nonTransientFailurePredicate(failure -> !retryable(failure))
                        .build())
                .build();
    }

    /**
     * A lost race or a lost connection, and not a rule's rejection. A connection lost during COMMIT
     * leaves it unknown whether the events were stored (Axon reports that as a non-transient
     * EventStoreException); retrying is still right, because the retry sees the stored events and R9
     * answers it with the first result instead of recording anything twice.
     */
    static boolean retryable(Throwable failure) {
        boolean race = false;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CommandRejectedException) {
                return false;
            }
            race |= t instanceof ConcurrencyException || t instanceof AggregateStreamCreationException;
        }
        return race || DatabaseOutage.causedBy(failure);
    }
}
