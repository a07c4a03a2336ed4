package dev.migrationledger.service.projection;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Wakes whoever waits for an event processor to get somewhere (a read with {@code minIndex}, a receipt
 * asked for with {@code ?minIndex=}) when a processor batch commits, on any instance: every batch sends a
 * PostgreSQL notification in its transaction ({@link #announce}), which PostgreSQL delivers at commit, and
 * one listening connection per instance wakes the waiters, who then read the tokens once. So a wait costs
 * one token read per committed batch instead of one per poll interval. A batch with nothing to handle
 * moves a token without any handler running, so waiters also look again after
 * {@code ledger.projections.recheck-interval} (default 1 s) without a notification.
 */
@Component
public class ProcessorCommits implements SmartLifecycle {

    static final String CHANNEL = "ledger_processor_commit";
    private static final Logger log = LoggerFactory.getLogger(ProcessorCommits.class);
    /** How long the listener blocks on its socket before it looks whether the service is stopping. */
    private static final int LISTEN_SLICE_MILLIS = 1_000;

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final Duration recheck;
    private final Object monitor = new Object();
    private long commits;
    private volatile boolean running;
    private Thread listener;

    ProcessorCommits(DataSource dataSource, JdbcTemplate jdbc, ProjectionProperties properties) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.recheck = properties.recheckInterval();
    }

    /** Called in a processor batch's transaction: waiters everywhere wake when it commits. */
    public void announce() {
        jdbc.queryForList("SELECT pg_notify(?, '')", CHANNEL);
    }

    /** Waits at most {@code max} for {@code reached}, looking again after each committed batch. */
    public boolean await(BooleanSupplier reached, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            long seen;
            synchronized (monitor) {
                seen = commits;
            }
            if (reached.getAsBoolean()) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                synchronized (monitor) {
                    long until = System.nanoTime() + Math.min(left, recheck.toNanos());
                    while (commits == seen && System.nanoTime() - until < 0) {
                        long nanos = until - System.nanoTime();
                        monitor.wait(Math.max(1, nanos / 1_000_000), 0);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private void wake() {
        synchronized (monitor) {
            commits++;
            monitor.notifyAll();
        }
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                connection.setAutoCommit(true);
                statement.execute("LISTEN " + CHANNEL);
                PGConnection notifications = connection.unwrap(PGConnection.class);
                // anything committed while no connection listened is looked at now
                wake();
                while (running) {
                    PGNotification[] received = notifications.getNotifications(LISTEN_SLICE_MILLIS);
                    if (received != null && received.length > 0) {
                        wake();
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    // Waiters still look again every recheck interval; the listener reconnects.
                    log.warn("not listening for processor commits ({}); retrying in 1 s", e.getMessage());
                    sleepQuietly();
                }
            }
        }
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void start() {
        running = true;
        listener = new Thread(this::listen, "processor-commits");
        listener.setDaemon(true);
        listener.start();
    }

    @Override
    public void stop() {
        running = false;
        if (listener != null) {
            listener.interrupt();
            try {
                listener.join(LISTEN_SLICE_MILLIS * 2L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
