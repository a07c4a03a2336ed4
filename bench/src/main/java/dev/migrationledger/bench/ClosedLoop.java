package dev.migrationledger.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * N clients, each sending its next request as soon as the previous one is answered, for a fixed time.
 * Throughput is counted over the wall time until the last in-flight request finished, so a slow final
 * request is not dropped from the denominator.
 */
final class ClosedLoop {

    interface Step {
        /** Does one request for {@code client}; returns the items it recorded, or -1 when there is no more work. */
        int run(int client) throws Exception;
    }

    record Result(long items, long requests, double seconds, double machineBusyPercent) {
        double perSecond() {
            return items / seconds;
        }
    }

    private ClosedLoop() {
    }

    static Result run(int clients, Duration duration, Step step) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            MachineLoad load = MachineLoad.now();
            long start = System.nanoTime();
            long deadline = start + duration.toNanos();
            List<Future<long[]>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                futures.add(pool.submit(() -> {
                    long items = 0;
                    long requests = 0;
                    while (System.nanoTime() < deadline) {
                        int done = step.run(client);
                        if (done < 0) {
                            break;
                        }
                        items += done;
                        requests++;
                    }
                    return new long[] {items, requests};
                }));
            }
            long items = 0;
            long requests = 0;
            for (Future<long[]> future : futures) {
                long[] counts = future.get();
                items += counts[0];
                requests += counts[1];
            }
            return new Result(items, requests, (System.nanoTime() - start) / 1e9, MachineLoad.now().busyPercentSince(load));
        } finally {
            pool.shutdownNow();
        }
    }
}
