package dev.migrationledger.service.notifications;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationledger.ledger.api.ChangeReviewed;
import dev.migrationledger.ledger.api.EnvironmentPolicyChanged;
import dev.migrationledger.ledger.api.ExecutionAttempt;
import dev.migrationledger.ledger.api.LedgerEvent;
import dev.migrationledger.ledger.api.ProjectRegistered;
import dev.migrationledger.ledger.api.WebhookConfigured;
import dev.migrationledger.ledger.domain.EmergencyReviews;
import dev.migrationledger.ledger.domain.EnvironmentPolicy;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fills the outbox from the event stream. It keeps the webhook table itself, in the same order as the
 * events, so a message goes to the targets configured at that point of the stream: a new processor that
 * reads the whole history sends nothing for events older than a webhook. A redelivered event (a batch
 * retried after a crash) queues nothing twice: the delivery id is derived from the event and the target. It also
 * keeps, in stream order, the environments' policies (approval.needed goes out only where one requires approvals)
 * and the reviews facts opened, which {@link OverdueReviews} watches.
 */
@Component
@ProcessingGroup(NotificationProcessor.GROUP)
public class NotificationProcessor {

    public static final String GROUP = "notifications";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Outbox outbox;

    NotificationProcessor(JdbcTemplate jdbc, @Qualifier("defaultAxonObjectMapper") ObjectMapper json, Outbox outbox) {
        this.jdbc = jdbc;
        this.json = json;
        this.outbox = outbox;
    }

    @EventHandler
    void on(LedgerEvent event, @MessageIdentifier String eventId) {
        if (event instanceof WebhookConfigured e) {
            configured(e);
            return;
        }
        remember(event, eventId);
        List<Notification> raised = Notification.of(event, () -> policies(event.project()));
        long[] globalIndex = {-1};
        for (Notification n : raised) {
            outbox.queue(event.project(), n, eventId, () -> globalIndex[0] >= 0 ? globalIndex[0]
                            : (globalIndex[0] = globalIndex(eventId)),
                    index -> WebhookPayload.Source.of(event, index, json));
        }
    }

    /** What later events and the overdue check need: environments' policies and the reviews facts open. */
    private void remember(LedgerEvent event, String eventId) {
        if (event instanceof ProjectRegistered e) {
            e.environments().forEach(env -> policy(e.project(), env.name(), env.policy()));
        } else if (event instanceof EnvironmentPolicyChanged e) {
            policy(e.project(), e.environment(), e.policy());
        } else if (event instanceof ChangeReviewed e) {
            jdbc.update("UPDATE review_watch SET reviewed = true WHERE project = ? AND review_id = ?", e.project(), e.reviewId());
        } else if (event instanceof ExecutionAttempt e) {
            // as the aggregate opens them: an apply or a failure, never a rollback
            watch(e, eventId);
        }
    }

    /** The facts that open a review in the aggregate (EmergencyReviews), with the same rule, opened at the same time. */
    private void watch(ExecutionAttempt e, String eventId) {
        if (!EmergencyReviews.openingCodes(e.violations()).isEmpty()) {
            jdbc.update("INSERT INTO review_watch (project, review_id, event_id, global_index, environment, opened_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (project, review_id) DO NOTHING", e.project(),
                    e.executionId(), eventId, globalIndex(eventId), e.environment(), Timestamp.from(e.recordedAt()));
        }
    }

    private void policy(String project, String environment, EnvironmentPolicy policy) {
        try {
            jdbc.update("INSERT INTO notification_environment (project, environment, policy) VALUES (?, ?, ?) "
                            + "ON CONFLICT (project, environment) DO UPDATE SET policy = EXCLUDED.policy",
                    project, environment, json.writeValueAsString(policy));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a policy that was stored as JSON serializes again", e);
        }
    }

    private Map<String, EnvironmentPolicy> policies(String project) {
        Map<String, EnvironmentPolicy> policies = new TreeMap<>();
        jdbc.query("SELECT environment, policy FROM notification_environment WHERE project = ?", rs -> {
            try {
                policies.put(rs.getString(1), json.readValue(rs.getString(2), EnvironmentPolicy.class));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("policy of " + project + "/" + rs.getString(1) + " no longer decodes", e);
            }
        }, project);
        return policies;
    }

    private long globalIndex(String eventId) {
        return jdbc.queryForObject("SELECT global_index FROM domain_event_entry WHERE event_identifier = ?",
                Long.class, eventId);
    }

    private void configured(WebhookConfigured e) {
        Timestamp at = Timestamp.from(e.recordedAt());
        if (e.change() == WebhookConfigured.Change.CONFIGURED) {
            jdbc.update(con -> {
                var ps = con.prepareStatement("INSERT INTO webhook (webhook_id, project, url, events, format, secret_sha256, "
                        + "configured_at, configured_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (webhook_id) DO NOTHING");
                ps.setString(1, e.webhookId());
                ps.setString(2, e.project());
                ps.setString(3, e.url());
                ps.setArray(4, con.createArrayOf("text", e.events().toArray()));
                ps.setString(5, e.format());
                ps.setString(6, e.secretSha256());
                ps.setTimestamp(7, at);
                ps.setString(8, e.actor());
                return ps;
            });
            return;
        }
        jdbc.update("UPDATE webhook SET removed_at = ? WHERE webhook_id = ? AND removed_at IS NULL", at, e.webhookId());
        jdbc.update("UPDATE webhook_delivery SET state = 'DROPPED' WHERE webhook_id = ? AND state = 'PENDING'", e.webhookId());
        jdbc.update("DELETE FROM webhook_secret WHERE webhook_id = ?", e.webhookId());
    }
}
