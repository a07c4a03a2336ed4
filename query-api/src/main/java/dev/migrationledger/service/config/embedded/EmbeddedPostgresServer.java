package dev.migrationledger.service.config.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The service's own PostgreSQL when no database is configured: data in {@code LEDGER_HOME/pgdata},
 * run with PostgreSQL's durable defaults (the ledger never acknowledges what a power cut could take
 * back), started through {@code pg_ctl} so that it is detached from the terminal (Ctrl-C reaches the
 * service, which stops its processors first and the database last), and restarted if it dies
 * under the service. It registers no shutdown hook of its own: it stops when Spring closes it, after
 * everything that uses it.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    /**
     * PostgreSQL's own defaults for durability, given on the command line so that neither
     * postgresql.conf nor ALTER SYSTEM can turn them off (command-line settings win over both).
     */
    static final List<String> DURABLE = List.of("fsync", "synchronous_commit", "full_page_writes");
    private static final Duration WATCH_INTERVAL = Duration.ofSeconds(1);

    private final Path home;
    private final Path data;
    private final EmbeddedPostgresSettings settings;
    private HomeLock lock;
    private PostgresBinaries binaries;
    private PgCtl pgCtl;
    private int port;
    private volatile long pid;
    private volatile boolean stopping;
    /** The PID whose loss was already reported, so that a restart that takes several tries says so once. */
    private long reportedLost;
    private ScheduledExecutorService watchdog;

    public EmbeddedPostgresServer(Path home, EmbeddedPostgresSettings settings) {
        this.home = home.toAbsolutePath().normalize();
        this.data = this.home.resolve("pgdata");
        this.settings = settings;
    }

    /** Starts the server (once) and returns the JDBC URL of its {@code postgres} database. */
    public synchronized String start() {
        if (lock == null) {
            lock = HomeLock.acquire(home);
            stopping = false;
            try {
                binaries = PostgresBinaries.unpackInto(home.resolve("pgsql"));
                pgCtl = new PgCtl(binaries);
                new DataDirectory(data, pgCtl, binaries).prepare();
                port = settings.port() != 0 ? settings.port() : freePort();
                launch();
            } catch (RuntimeException e) {
                lock.close();
                lock = null;
                throw e;
            }
            watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "embedded-postgres-watchdog");
                thread.setDaemon(true);
                return thread;
            });
            watchdog.scheduleWithFixedDelay(this::restartIfDead, WATCH_INTERVAL.toMillis(), WATCH_INTERVAL.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        return jdbcUrl();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
    }

    public int port() {
        return port;
    }

    /** The postmaster's PID, 0 before the start. */
    public long pid() {
        return pid;
    }

    public Path dataDirectory() {
        return data;
    }

    private void launch() {
        new Predecessor(data, pgCtl, settings.stopTimeout()).settle();
        long begin = System.nanoTime();
        Path startLog = data.resolve("log").resolve("startup.log");
        try {
            Files.createDirectories(startLog.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PgCtl.Result started = pgCtl.run(settings.startTimeout().plusSeconds(10), "pg_ctl", "start", "-D", data.toString(),
                "-w", "-t", Long.toString(settings.startTimeout().toSeconds()), "-l", startLog.toString(),
                "-o", String.join(" ", serverOptions()));
        if (!started.ok()) {
            throw new EmbeddedPostgresException("could not start the embedded PostgreSQL on " + data + ": " + started.output()
                    + ServerLog.tail(data), "read the server's log in " + data.resolve("log") + "; set LEDGER_DB_URL to "
                    + "use an external PostgreSQL instead (never delete pgdata: it holds the ledger)");
        }
        pid = PostmasterPidFile.in(data).map(PostmasterPidFile::pid).orElse(0L);
        Map<String, String> actual;
        try {
            actual = durability();
            if (actual.values().stream().anyMatch(value -> !value.equals("on"))) {
                throw new EmbeddedPostgresException("the embedded PostgreSQL runs with " + actual + ", not all on",
                        "remove the setting that overrides them (PGOPTIONS?); the ledger never runs without durable commits");
            }
        } catch (RuntimeException e) {
            shutdown();
            throw e;
        }
        log.info("Embedded PostgreSQL {} (PID {}) ready in {} ms on 127.0.0.1:{}; data in {}, its log in {}; {}",
                binaries.version(), pid, Duration.ofNanos(System.nanoTime() - begin).toMillis(), port, data,
                data.resolve("log"), actual);
    }

    private List<String> serverOptions() {
        List<String> options = new ArrayList<>(List.of("-p", Integer.toString(port),
                "-c", "listen_addresses=127.0.0.1", "-c", "timezone=UTC",
                // TCP only: a Unix socket's lock file in /tmp would name a dead server's PID after a crash and,
                // while that PID is an unreaped zombie, keep the restart on the same port from starting
                "-c", "unix_socket_directories=",
                // one file per weekday, overwritten a week later: a bounded log an operator finds in pgdata/log
                "-c", "logging_collector=on", "-c", "log_directory=log", "-c", "log_filename=postgresql-%a.log",
                "-c", "log_truncate_on_rotation=on", "-c", "log_rotation_age=1d", "-c", "log_rotation_size=0"));
        DURABLE.forEach(name -> options.addAll(List.of("-c", name + "=on")));
        return options;
    }

    /** What the running server answers to SHOW for each durability setting. */
    Map<String, String> durability() {
        Map<String, String> values = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl()); Statement st = c.createStatement()) {
            for (String name : DURABLE) {
                try (ResultSet rs = st.executeQuery("SHOW " + name)) {
                    rs.next();
                    values.put(name, rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new EmbeddedPostgresException("the embedded PostgreSQL started but does not answer on port " + port
                    + ": " + e.getMessage() + ServerLog.tail(data), "read the server's log in " + data.resolve("log"), e);
        }
        return values;
    }

    /**
     * The postmaster died under the running service (the OOM killer, an operator's kill -9): start it
     * again on the same port, so the pool's URL stays valid. PostgreSQL replays its WAL; meanwhile
     * requests are answered 503 and clients retry.
     */
    private synchronized void restartIfDead() {
        if (stopping || ClusterProcesses.alive(pid)) {
            return;
        }
        if (reportedLost != pid) {
            reportedLost = pid;
            log.warn("The embedded PostgreSQL (PID {}) is gone; starting it again on port {}", pid, port);
        }
        try {
            launch();
        } catch (RuntimeException e) {
            log.error("Could not restart the embedded PostgreSQL, trying again in {} s: {}", WATCH_INTERVAL.toSeconds(),
                    e.getMessage());
        }
    }

    /** Stops the server for good (the watchdog first, so that nothing starts it again). */
    public synchronized void stop() {
        stopping = true;
        if (watchdog != null) {
            watchdog.shutdownNow();
        }
        shutdown();
    }

    /** Fast shutdown (a checkpoint, nothing lost), then immediate, then SIGKILL, each bounded. */
    private void shutdown() {
        ProcessHandle postmaster = ProcessHandle.of(pid).filter(ClusterProcesses::alive).orElse(null);
        if (postmaster == null) {
            return;
        }
        long begin = System.nanoTime();
        String how = "fast shutdown";
        PgCtl.Result fast = pgCtl.run(settings.stopTimeout().plusSeconds(5), "pg_ctl", "stop", "-D", data.toString(),
                "-m", "fast", "-w", "-t", Long.toString(Math.max(1, settings.stopTimeout().toSeconds())));
        if (fast.ok()) {
            Predecessor.awaitExit(postmaster, Duration.ofSeconds(2));
        }
        if (ClusterProcesses.alive(postmaster)) {
            how = "immediate shutdown";
            log.warn("Fast shutdown of the embedded PostgreSQL did not finish within {} s ({}); immediate shutdown",
                    settings.stopTimeout().toSeconds(), fast.output());
            pgCtl.run(Duration.ofSeconds(15), "pg_ctl", "stop", "-D", data.toString(), "-m", "immediate", "-w", "-t", "10");
            Predecessor.awaitExit(postmaster, Duration.ofSeconds(2));
        }
        if (ClusterProcesses.alive(postmaster)) {
            how = "SIGKILL";
            postmaster.destroyForcibly();
            Predecessor.awaitExit(postmaster, Duration.ofSeconds(10));
        }
        log.info("Embedded PostgreSQL (PID {}) stopped by {} in {} ms", pid, how,
                Duration.ofNanos(System.nanoTime() - begin).toMillis());
    }

    @Override
    public synchronized void close() {
        if (lock != null) {
            stop();
            lock.close();
            lock = null;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
