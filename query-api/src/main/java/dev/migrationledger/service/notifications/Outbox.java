package dev.migrationledger.service.notifications;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;

/**
 * Queues a notification for the project's webhooks in force that subscribe to its type. The delivery id is derived
 * from the target, the event and the type, so queueing the same thing again (a batch retried after a crash) adds
 * nothing.
 */
@Component
class Outbox {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    Outbox(JdbcTemplate jdbc, @Qualifier("defaultAxonObjectMapper") ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** @param globalIndex read only when some webhook is subscribed */
    void queue(String project, Notification n, String eventId, LongSupplier globalIndex,
               LongFunction<WebhookPayload.Source> source) {
        List<String[]> targets = jdbc.query("SELECT webhook_id, format FROM webhook WHERE project = ? "
                        + "AND removed_at IS NULL AND ? = ANY (events) ORDER BY webhook_id",
                (rs, i) -> new String[]{rs.getString(1), rs.getString(2)}, project, n.type());
        if (targets.isEmpty()) {
            return;
        }
        long index = globalIndex.getAsLong();
        WebhookPayload.Source about = source.apply(index);
        for (String[] target : targets) {
            String deliveryId = deliveryId(target[0], eventId, n.type()).toString();
            jdbc.update("INSERT INTO webhook_delivery (delivery_id, webhook_id, event_type, event_id, global_index, body) "
                            + "VALUES (?::uuid, ?, ?, ?, ?, ?) ON CONFLICT (delivery_id) DO NOTHING",
                    deliveryId, target[0], n.type(), eventId, index,
                    WebhookPayload.render(target[1], deliveryId, n, about, json));
        }
    }

    static UUID deliveryId(String webhookId, String eventId, String type) {
        return UUID.nameUUIDFromBytes((webhookId + "\n" + eventId + "\n" + type).getBytes(StandardCharsets.UTF_8));
    }
}
