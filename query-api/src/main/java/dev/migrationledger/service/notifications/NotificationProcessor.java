package dev.migrationledger.service.notifications;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationledger.ledger.api.LedgerEvent;
import dev.migrationledger.ledger.api.WebhookConfigured;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;

/**
 * Fills the outbox from the event stream. It keeps the webhook table itself, in the same order as the
 * events, so a message goes to the targets configured at that point of the stream: a new processor that
 * reads the whole history sends nothing for events older than a webhook. A redelivered event (a batch
 * retried after a crash) queues nothing twice: the delivery id is derived from the event and the target.
 */
@Component
@ProcessingGroup(NotificationProcessor.GROUP)
public class NotificationProcessor {

    public static final String GROUP = "notifications";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    NotificationProcessor(JdbcTemplate jdbc, @Qualifier("defaultAxonObjectMapper") ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(LedgerEvent event, @MessageIdentifier String eventId) {
        if (event instanceof WebhookConfigured e) {
            configured(e);
            return;
        }
        List<Notification> raised = Notification.of(event);
        if (raised.isEmpty()) {
            return;
        }
        Long globalIndex = null;
        for (Notification n : raised) {
            List<String[]> targets = jdbc.query("SELECT webhook_id, format FROM webhook WHERE project = ? "
                            + "AND removed_at IS NULL AND ? = ANY (events) ORDER BY webhook_id",
                    (rs, i) -> new String[]{rs.getString(1), rs.getString(2)}, event.project(), n.type());
            for (String[] target : targets) {
                if (globalIndex == null) {
                    globalIndex = jdbc.queryForObject("SELECT global_index FROM domain_event_entry WHERE event_identifier = ?",
                            Long.class, eventId);
                }
                String deliveryId = deliveryId(target[0], eventId, n.type()).toString();
                jdbc.update("INSERT INTO webhook_delivery (delivery_id, webhook_id, event_type, event_id, global_index, body) "
                                + "VALUES (?::uuid, ?, ?, ?, ?, ?) ON CONFLICT (delivery_id) DO NOTHING",
                        deliveryId, target[0], n.type(), eventId, globalIndex,
                        WebhookPayload.render(target[1], deliveryId, n, event, globalIndex, json));
            }
        }
    }

    static UUID deliveryId(String webhookId, String eventId, String type) {
        return UUID.nameUUIDFromBytes((webhookId + "\n" + eventId + "\n" + type).getBytes(StandardCharsets.UTF_8));
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
