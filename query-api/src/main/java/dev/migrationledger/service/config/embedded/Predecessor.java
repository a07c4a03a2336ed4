package dev.migrationledger.service.config.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What a start finds in the data directory from the previous run, and what it does about it before
 * starting its own server, so that there are never two servers on one data directory and the data
 * directory itself is never touched:
 * <ul>
 *   <li>a postmaster still running there (the service was SIGKILLed, its server outlived it): stopped,
 *       fast shutdown first, then immediate, then SIGKILL, each with a bounded wait;</li>
 *   <li>backends of a dead postmaster still running: given a moment to notice, then killed;</li>
 *   <li>a {@code postmaster.pid} of a dead process: left alone, PostgreSQL replays its WAL (crash recovery);</li>
 *   <li>a {@code postmaster.pid} whose PID now belongs to another program, or to the dead server as an
 *       unreaped zombie: PostgreSQL would refuse to start on it, so it is moved aside, once no process
 *       of the cluster is left.</li>
 * </ul>
 */
final class Predecessor {

    private static final Logger log = LoggerFactory.getLogger(Predecessor.class);
    private static final Duration IMMEDIATE_WAIT = Duration.ofSeconds(10);
    private static final Duration BACKENDS_WAIT = Duration.ofSeconds(5);

    private final Path dataDirectory;
    private final PgCtl pgCtl;
    private final Duration fastWait;
    private final ClusterProcesses cluster;

    Predecessor(Path dataDirectory, PgCtl pgCtl, Duration fastWait) {
        this.dataDirectory = dataDirectory;
        this.pgCtl = pgCtl;
        this.fastWait = fastWait;
        this.cluster = new ClusterProcesses(dataDirectory);
    }

    void settle() {
        Optional<PostmasterPidFile> pidFile = PostmasterPidFile.in(dataDirectory);
        Optional<ProcessHandle> postmaster = pidFile.flatMap(file -> cluster.process(file.pid()));
        if (postmaster.isPresent()) {
            stopOrphan(postmaster.get(), pidFile.get());
        }
        List<ProcessHandle> left = cluster.all();
        if (!left.isEmpty()) {
            log.warn("Found {} process(es) of a PostgreSQL that is gone still running on {} (PIDs {}); "
                    + "waiting up to {} s for them to exit", left.size(), dataDirectory, pids(left), BACKENDS_WAIT.toSeconds());
            if (!awaitGone(BACKENDS_WAIT)) {
                cluster.all().forEach(ProcessHandle::destroyForcibly);
                if (!awaitGone(IMMEDIATE_WAIT)) {
                    throw new EmbeddedPostgresException("processes of an earlier PostgreSQL on " + dataDirectory
                            + " do not end: " + pids(cluster.all()), "end them (kill -9), then start the service again");
                }
                log.warn("Killed them; PostgreSQL recovers from its write-ahead log on start");
            }
        }
        if (postmaster.isEmpty() && pidFile.isPresent()) {
            long pid = pidFile.get().pid();
            // kill(pid, 0) succeeds for another program and for an unreaped zombie alike: PostgreSQL would refuse
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                moveAside(pid);
            } else {
                log.warn("The previous PostgreSQL on {} (PID {}) did not shut down cleanly; PostgreSQL recovers "
                        + "every committed transaction from its write-ahead log as it starts", dataDirectory, pid);
            }
        }
    }

    private void stopOrphan(ProcessHandle postmaster, PostmasterPidFile pidFile) {
        long begin = System.nanoTime();
        log.warn("Found PostgreSQL (PID {}, port {}) still running on {} from an earlier run that did not stop it "
                + "(the service was killed?); stopping it before starting this run's server", pidFile.pid(),
                pidFile.port(), dataDirectory);
        String how = "fast shutdown";
        PgCtl.Result fast = pgCtl.run(fastWait.plusSeconds(5), "pg_ctl", "stop", "-D", dataDirectory.toString(),
                "-m", "fast", "-w", "-t", Long.toString(Math.max(1, fastWait.toSeconds())));
        if (fast.ok()) {
            awaitExit(postmaster, Duration.ofSeconds(2));
        }
        if (!fast.ok() || ClusterProcesses.alive(postmaster)) {
            how = "immediate shutdown";
            log.warn("Fast shutdown of PID {} did not finish within {} s ({}); immediate shutdown", pidFile.pid(),
                    fastWait.toSeconds(), fast.output());
            pgCtl.run(IMMEDIATE_WAIT.plusSeconds(5), "pg_ctl", "stop", "-D", dataDirectory.toString(),
                    "-m", "immediate", "-w", "-t", Long.toString(IMMEDIATE_WAIT.toSeconds()));
        }
        if (ClusterProcesses.alive(postmaster)) {
            how = "SIGKILL";
            log.warn("PID {} is still running after an immediate shutdown; killing it", pidFile.pid());
            postmaster.destroyForcibly();
            awaitExit(postmaster, IMMEDIATE_WAIT);
        }
        if (ClusterProcesses.alive(postmaster)) {
            throw new EmbeddedPostgresException("an earlier PostgreSQL (PID " + pidFile.pid() + ") on " + dataDirectory
                    + " does not stop", "stop it (kill -9 " + pidFile.pid() + "), then start the service again");
        }
        log.info("Stopped the earlier PostgreSQL (PID {}) by {} in {} ms", pidFile.pid(), how,
                Duration.ofNanos(System.nanoTime() - begin).toMillis());
    }

    private void moveAside(long pid) {
        Path file = dataDirectory.resolve(PostmasterPidFile.NAME);
        Path aside = dataDirectory.resolve(PostmasterPidFile.NAME + ".stale");
        try {
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        log.warn("{} names PID {}, which is not a running PostgreSQL of {} (another program has the PID now, or the "
                + "dead server is not reaped yet): the server that wrote it is gone. Moved the file to {} (PostgreSQL "
                + "would refuse to start on it); PostgreSQL recovers every committed transaction from its write-ahead "
                + "log as it starts", file, pid, dataDirectory, aside.getFileName());
    }

    private boolean awaitGone(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            List<ProcessHandle> left = cluster.all();
            if (left.isEmpty()) {
                return true;
            }
            awaitExit(left.get(0), Duration.ofMillis(100));
        }
        return cluster.all().isEmpty();
    }

    /**
     * Polled: the server is not this JVM's child (pg_ctl detaches it), and the JDK watches non-children
     * at a coarse interval that would add a second or more to every stop.
     */
    static void awaitExit(ProcessHandle process, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (ClusterProcesses.alive(process) && System.nanoTime() < deadline) {
            try {
                TimeUnit.MILLISECONDS.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static List<Long> pids(List<ProcessHandle> processes) {
        return processes.stream().map(ProcessHandle::pid).toList();
    }
}
