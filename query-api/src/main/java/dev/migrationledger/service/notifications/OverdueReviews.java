package dev.migrationledger.service.notifications;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationledger.ledger.api.EmergencyReview;
import dev.migrationledger.ledger.api.ListReviews;
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
        List<String> projects = jdbc.queryForList("SELECT DISTINCT project FROM review_watch "
                + "WHERE overdue_raised_at IS NULL AND NOT reviewed", String.class);
        for (String project : projects) {
            try {
                List<EmergencyReview> overdue = commands.sendAndWait(new ListReviews(project, "overdue", null));
                overdue.forEach(review -> transactions.executeWithoutResult(tx -> raise(project, review)));
            } catch (RuntimeException e) {
                // the next check tries again; nothing was marked raised for what failed
                log.warn("review.overdue check of project {} failed: {}", project, e.toString());
            }
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
