package dev.migrationledger.bench;

import java.time.Duration;

/**
 * How much work each figure does. The quick run measures the same figures with smaller data and shorter
 * phases (under ten minutes on two cores); rates from it are noisier, never differently defined. The quick
 * replay uses 110,010 events (ten projects): generating them through the API is the slow part — about two
 * minutes on two idle cores, but several times that when other builds share the machine.
 */
record Sizes(boolean quick, Duration warmup, Duration phase, int ingestVersions, int replayEvents,
             int queryMigrations, int queryEnvironments, int queryRequests, Duration receiptPhase, int logSize,
             int generatedMigrations, Duration sustainedWindow) {

    static Sizes fullRun() {
        return new Sizes(false, Duration.ofSeconds(10), Duration.ofSeconds(20), 2000, 1_000_000, 10_000, 10, 300,
                Duration.ofSeconds(5), 1_000_000, 500, Duration.ofSeconds(60));
    }

    /** Checks that the bench itself works end to end in a minute or two; its figures mean nothing. */
    static Sizes smokeRun() {
        return new Sizes(true, Duration.ofSeconds(1), Duration.ofSeconds(2), 200, 11_000, 200, 3, 20,
                Duration.ofMillis(300), 1_000, 30, Duration.ofSeconds(3));
    }

    /** Warm-up 10 s: with 4 s the JIT compiler threads still took a quarter of the CPU in the first phase. */
    static Sizes quickRun() {
        return new Sizes(true, Duration.ofSeconds(10), Duration.ofSeconds(8), 1000, 100_000, 1_000, 10, 100,
                Duration.ofSeconds(2), 100_000, 500, Duration.ofSeconds(20));
    }
}
