package dev.migrationledger.service.notifications;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Webhook delivery ({@code ledger.notifications.*}); see docs/operations.md, "Webhooks".
 *
 * @param firstRetry     the wait after the first failed attempt; each further failure doubles it
 * @param maxRetry       the longest wait between two attempts
 * @param maxAttempts    attempts before a message is given up ({@code GAVE_UP}); the defaults keep trying for
 *                       about a day
 * @param requestTimeout how long one attempt may take, connecting included
 * @param pollInterval   how often the outbox is read for messages that are due
 * @param batchSize      messages sent at once, in parallel, per poll
 */
@ConfigurationProperties("ledger.notifications")
public record NotificationProperties(@DefaultValue("PT10S") Duration firstRetry,
                                     @DefaultValue("PT1H") Duration maxRetry,
                                     @DefaultValue("30") int maxAttempts,
                                     @DefaultValue("PT10S") Duration requestTimeout,
                                     @DefaultValue("PT1S") Duration pollInterval,
                                     @DefaultValue("20") int batchSize) {

    public NotificationProperties {
        if (firstRetry.isNegative() || firstRetry.isZero() || maxRetry.compareTo(firstRetry) < 0) {
            throw new IllegalArgumentException("ledger.notifications: first-retry is positive and max-retry at least first-retry");
        }
        if (maxAttempts < 1 || batchSize < 1 || requestTimeout.isNegative() || requestTimeout.isZero()
                || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("ledger.notifications: max-attempts, batch-size, request-timeout and "
                    + "poll-interval are positive");
        }
    }

    /** The wait after {@code failures} failed attempts: firstRetry, doubled per further failure, capped at maxRetry. */
    public Duration retryAfter(int failures) {
        Duration wait = firstRetry;
        for (int i = 1; i < failures && wait.compareTo(maxRetry) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxRetry) > 0 ? maxRetry : wait;
    }
}
