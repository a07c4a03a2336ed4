package dev.migrationledger.executor.client;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long the client keeps trying a ledger that does not answer. Exponential backoff with full
 * jitter, so that many pipelines hitting a restarting service do not retry in lock-step. The default
 * (5 attempts, 0.5 s doubling to at most 8 s) gives up after ~8 s of waiting, well under 30 s.
 *
 * @param attempts     total tries, at least 1
 * @param initialDelay the first wait; each later wait doubles
 * @param maxDelay     the cap on one wait, also applied to a server's Retry-After
 */
public record RetryPolicy(int attempts, Duration initialDelay, Duration maxDelay) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(8));

    public RetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("retry attempts are at least 1");
        }
    }

    /** {@code LEDGER_RETRIES} and {@code LEDGER_RETRY_DELAY_MS} shorten the waits (tests, fast-failing CI). */
    public static RetryPolicy fromEnvironment(Map<String, String> env) {
        RetryPolicy policy = DEFAULT;
        String attempts = env.get("LEDGER_RETRIES");
        String delay = env.get("LEDGER_RETRY_DELAY_MS");
        try {
            if (attempts != null && !attempts.isBlank()) {
                policy = new RetryPolicy(Integer.parseInt(attempts.strip()), policy.initialDelay, policy.maxDelay);
            }
            if (delay != null && !delay.isBlank()) {
                policy = new RetryPolicy(policy.attempts, Duration.ofMillis(Long.parseLong(delay.strip())), policy.maxDelay);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("LEDGER_RETRIES and LEDGER_RETRY_DELAY_MS are whole numbers", e);
        }
        return policy;
    }

    /** The wait before try {@code attempt + 1} (attempt counts from 1); a Retry-After wins when given. */
    Duration delayAfter(int attempt, Duration retryAfter) {
        if (retryAfter != null) {
            return retryAfter.compareTo(maxDelay) > 0 ? maxDelay : retryAfter;
        }
        long ceiling = Math.min(maxDelay.toMillis(), initialDelay.toMillis() << Math.min(attempt - 1, 20));
        return Duration.ofMillis(ceiling <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    }
}
