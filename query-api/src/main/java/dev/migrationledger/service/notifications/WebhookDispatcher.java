package dev.migrationledger.service.notifications;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends what the outbox holds, at least once. A row is claimed by moving its next attempt past a lease
 * (SKIP LOCKED, so several instances share the work); a 2xx marks it delivered, anything else waits out
 * the backoff of {@link NotificationProperties}. A dispatcher that dies mid-request leaves its rows to be
 * claimed again when the lease runs out, so the receiver may see a delivery id twice, never zero times.
 */
@Component
public class WebhookDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    static final String USER_AGENT = "migration-ledger-webhooks";

    private record Due(String deliveryId, String type, String body, String url, String secret) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final NotificationProperties properties;
    private final Clock clock;
    private final HttpClient http;
    private final MeterRegistry meters;
    private ScheduledExecutorService loop;
    private volatile boolean databaseDown;

    WebhookDispatcher(JdbcTemplate jdbc, TransactionTemplate transactions, NotificationProperties properties,
                      MeterRegistry meters) {
        this.jdbc = jdbc;
        this.meters = meters;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = Clock.systemUTC();
        // redirects are not followed: the signature was made for the configured URL's receiver
        this.http = HttpClient.newBuilder().connectTimeout(properties.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        // a receiver that is down shows as a growing backlog, before anyone misses a message
        Gauge.builder("ledger.webhooks.pending", this, WebhookDispatcher::pending)
                .description("webhook messages not yet delivered (state PENDING)").register(meters);
    }

    private double pending() {
        try {
            Integer n = jdbc.queryForObject("SELECT count(*) FROM webhook_delivery WHERE state = 'PENDING'", Integer.class);
            return n == null ? 0 : n;
        } catch (DataAccessException e) {
            return Double.NaN;
        }
    }

    @Override
    public synchronized void start() {
        loop = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "webhook-dispatcher");
            thread.setDaemon(true);
            return thread;
        });
        loop.scheduleWithFixedDelay(this::poll, properties.pollInterval().toMillis(), properties.pollInterval().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (loop != null) {
            loop.shutdownNow();
            try {
                loop.awaitTermination(properties.requestTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            loop = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return loop != null;
    }

    private void poll() {
        try {
            while (!Thread.currentThread().isInterrupted() && dispatchDue() == properties.batchSize()) {
                // a full batch: more may be due
            }
            if (databaseDown) {
                log.info("webhook dispatcher reaches the database again");
                databaseDown = false;
            }
        } catch (DataAccessException e) {
            // the outbox keeps every message; the next poll picks them up once the database is back
            if (!databaseDown) {
                log.warn("webhook dispatcher cannot read the outbox, retrying every {}: {}", properties.pollInterval(),
                        e.getMostSpecificCause().getMessage());
                databaseDown = true;
            }
        }
    }

    /** Claims and sends the messages that are due; returns how many. */
    int dispatchDue() {
        long leaseMillis = properties.requestTimeout().toMillis() * 2 + 5000;
        List<Due> due = jdbc.query("UPDATE webhook_delivery d SET next_attempt_at = now() + ? * interval '1 millisecond' "
                        + "FROM webhook w LEFT JOIN webhook_secret s ON s.webhook_id = w.webhook_id "
                        + "WHERE w.webhook_id = d.webhook_id AND d.delivery_id IN (SELECT delivery_id FROM webhook_delivery "
                        + "WHERE state = 'PENDING' AND next_attempt_at <= now() ORDER BY next_attempt_at, global_index "
                        + "LIMIT ? FOR UPDATE SKIP LOCKED) "
                        + "RETURNING d.delivery_id, d.event_type, d.body, w.url, s.secret",
                (rs, i) -> new Due(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)),
                leaseMillis, properties.batchSize());
        List<CompletableFuture<Outcome>> sent = due.stream().map(this::send).toList();
        // sent in parallel, recorded one after another: a batch holds one database connection, not one per message
        for (int i = 0; i < due.size(); i++) {
            record(due.get(i), sent.get(i).join());
        }
        return due.size();
    }

    private record Outcome(long startedAt, long durationMs, Integer status, String error) {
        boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }
    }

    private CompletableFuture<Outcome> send(Due d) {
        long started = clock.millis();
        if (d.secret() == null) {
            return CompletableFuture.completedFuture(new Outcome(started, 0, null,
                    "no signing secret is stored for this webhook; configure it again"));
        }
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(d.url())).timeout(properties.requestTimeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", USER_AGENT)
                    .header("Ledger-Delivery", d.deliveryId())
                    .header("Ledger-Event", d.type())
                    .header(WebhookSignature.HEADER, WebhookSignature.header(d.secret(), started / 1000, d.body()))
                    .POST(HttpRequest.BodyPublishers.ofString(d.body()))
                    .build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(new Outcome(started, 0, null, "cannot send to " + d.url() + ": "
                    + e.getMessage()));
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((response, failure) -> {
                    long took = clock.millis() - started;
                    if (failure != null) {
                        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                        return new Outcome(started, took, null, cause.getClass().getSimpleName()
                                + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
                    }
                    return new Outcome(started, took, response.statusCode(), response.statusCode() / 100 == 2 ? null
                            : "the receiver answered HTTP " + response.statusCode());
                });
    }

    private void record(Due d, Outcome outcome) {
        meters.counter("ledger.webhooks.attempts", "outcome", outcome.delivered() ? "delivered" : "failed").increment();
        try {
            transactions.executeWithoutResult(tx -> {
                Integer attempts = jdbc.queryForObject("SELECT attempts FROM webhook_delivery WHERE delivery_id = ?::uuid "
                        + "FOR UPDATE", Integer.class, d.deliveryId());
                int attempt = attempts + 1;
                jdbc.update("INSERT INTO webhook_attempt (delivery_id, attempt, attempted_at, duration_ms, status_code, error) "
                                + "VALUES (?::uuid, ?, ?, ?, ?, ?)", d.deliveryId(), attempt,
                        new java.sql.Timestamp(outcome.startedAt()), outcome.durationMs(), outcome.status(),
                        truncate(outcome.error()));
                if (outcome.delivered()) {
                    jdbc.update("UPDATE webhook_delivery SET attempts = ?, state = CASE WHEN state = 'PENDING' "
                            + "THEN 'DELIVERED' ELSE state END, delivered_at = now() WHERE delivery_id = ?::uuid",
                            attempt, d.deliveryId());
                } else if (attempt >= properties.maxAttempts()) {
                    jdbc.update("UPDATE webhook_delivery SET attempts = ?, state = CASE WHEN state = 'PENDING' "
                            + "THEN 'GAVE_UP' ELSE state END WHERE delivery_id = ?::uuid", attempt, d.deliveryId());
                    log.warn("webhook delivery {} ({}) to {} given up after {} attempts: {}", d.deliveryId(), d.type(),
                            d.url(), attempt, outcome.error());
                } else {
                    Duration wait = properties.retryAfter(attempt);
                    jdbc.update("UPDATE webhook_delivery SET attempts = ?, next_attempt_at = now() + ? * interval "
                            + "'1 millisecond' WHERE delivery_id = ?::uuid", attempt, wait.toMillis(), d.deliveryId());
                }
            });
        } catch (DataAccessException e) {
            // the lease runs out and the message is sent again: at least once, as promised
            log.warn("webhook delivery {}: the outcome of an attempt could not be recorded: {}", d.deliveryId(),
                    e.getMostSpecificCause().getMessage());
        }
    }

    private static String truncate(String error) {
        return error == null || error.length() <= 1000 ? error : error.substring(0, 999) + "…";
    }
}
