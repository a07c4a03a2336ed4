package dev.migrationledger.service.notifications;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationledger.ledger.api.EmergencyReview;
import dev.migrationledger.ledger.api.ListReviews;
import dev.migrationledger.ledger.domain.EmergencyReviews;
import dev.migrationledger.ledger.domain.EnvironmentPolicy;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Raises {@code review.overdue} once per emergency-change review that passed its due time unreviewed (§10). No event
 * marks that moment, so a scheduled check asks the project aggregate which reviews are overdue (its rule, the one the
 * reviews list and the compliance report use) and records in {@code review_watch} that it raised each, in the
 * transaction that queues the messages: a restart, or a second instance checking at the same time, raises none twice.
 */
@Component
class OverdueReviews {

    private static final Logger log = LoggerFactory.getLogger(OverdueReviews.class);
    static final String TYPE = "review.overdue";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final CommandGateway commands;
    private final Outbox outbox;
    private final ObjectMapper json;

    OverdueReviews(JdbcTemplate jdbc, TransactionTemplate transactions, CommandGateway commands, Outbox outbox,
                   @Qualifier("defaultAxonObjectMapper") ObjectMapper json) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.commands = commands;
        this.outbox = outbox;
        this.json = json;
    }

    @Scheduled(fixedDelayString = "${ledger.notifications.review-check-interval:PT1M}",
            initialDelayString = "${ledger.notifications.review-check-interval:PT1M}")
    void check() {
        for (String project : projectsWithReviewsDue(Instant.now())) {
            try {
                List<EmergencyReview> overdue = commands.sendAndWait(new ListReviews(project, "overdue", null));
                overdue.forEach(review -> transactions.executeWithoutResult(tx -> raise(project, review)));
            } catch (RuntimeException e) {
                // the next check tries again; nothing was marked raised for what failed
                log.warn("review.overdue check of project {} failed: {}", project, e.toString());
            }
        }
    }

    /**
     * The projects with an unraised, unreviewed review that is due by {@code now} by the domain's deadline rule
     * ({@link EmergencyReviews#dueAt}) and the environment's policy as the notification processor last saw it.
     * Only these are asked: asking loads the project's aggregate, and projects with many open reviews not yet due
     * were each loaded every minute. The aggregate still decides; this only spares asking where none can be due.
     * A review watched before its opening time was kept, or in an environment with no policy row, is always asked.
     */
    Set<String> projectsWithReviewsDue(Instant now) {
        Set<String> due = new TreeSet<>();
        jdbc.query("""
                SELECT w.project, w.opened_at, n.policy FROM review_watch w
                LEFT JOIN notification_environment n ON n.project = w.project AND n.environment = w.environment
                WHERE w.overdue_raised_at IS NULL AND NOT w.reviewed""", rs -> {
            String project = rs.getString(1);
            java.sql.Timestamp openedAt = rs.getTimestamp(2);
            String policy = rs.getString(3);
            if (openedAt == null || policy == null
                    || !EmergencyReviews.dueAt(openedAt.toInstant(), decode(policy)).isAfter(now)) {
                due.add(project);
            }
        });
        return due;
    }

    private EnvironmentPolicy decode(String policy) {
        try {
            return json.readValue(policy, EnvironmentPolicy.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a policy stored as JSON no longer decodes: " + policy, e);
        }
    }

    private void raise(String project, EmergencyReview review) {
        List<Object[]> claimed = jdbc.query("UPDATE review_watch SET overdue_raised_at = now() WHERE project = ? "
                        + "AND review_id = ? AND overdue_raised_at IS NULL AND NOT reviewed RETURNING event_id, global_index",
                (rs, i) -> new Object[]{rs.getString(1), rs.getLong(2)}, project, review.reviewId());
        if (claimed.isEmpty()) {
            return;
        }
        String eventId = (String) claimed.get(0)[0];
        long globalIndex = (Long) claimed.get(0)[1];
        Notification n = new Notification(TYPE, review.environment(), review.version(), project + "/"
                + review.environment() + ": the emergency change " + review.reviewId() + " (" + review.version() + ", "
                + String.join(", ", review.violations()) + ", by " + review.factActor() + ") was due for review at "
                + review.dueAt() + " and is still unreviewed; an approver other than " + review.factActor()
                + " closes it with ledger review --id " + review.reviewId());
        Instant now = Instant.now();
        outbox.queue(project, n, eventId, () -> globalIndex, index -> new WebhookPayload.Source(project,
                review.factActor(), review.dueAt(), now, index, "EmergencyReview", json.valueToTree(review)));
    }
}
