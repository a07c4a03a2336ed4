package dev.migrationledger.service.notifications;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrationledger.ledger.api.LedgerEvent;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The body of one message, fixed when it is queued so that every retry sends the same bytes. {@code json}
 * carries the whole event; {@code slack} is an incoming-webhook message ({@code text} and blocks), which
 * Slack, Mattermost and Teams' Slack-compatible hooks display as it is.
 */
final class WebhookPayload {

    /**
     * What a message is about: a logged event, or (review.overdue) a review that passed its due time, told with the
     * global index of the fact that opened it.
     */
    record Source(String project, String actor, Instant occurredAt, Instant recordedAt, long globalIndex,
                  String eventType, JsonNode event) {

        static Source of(LedgerEvent event, long globalIndex, ObjectMapper json) {
            return new Source(event.project(), event.actor(), event.occurredAt(), event.recordedAt(), globalIndex,
                    event.getClass().getSimpleName(), json.valueToTree(event));
        }
    }

    private WebhookPayload() {
    }

    static String render(String format, String deliveryId, Notification n, Source source, ObjectMapper json) {
        try {
            return "slack".equals(format) ? slack(deliveryId, n, source, json)
                    : json.writeValueAsString(ledger(deliveryId, n, source, json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event that was stored as JSON serializes again", e);
        }
    }

    private static ObjectNode ledger(String deliveryId, Notification n, Source source, ObjectMapper json) {
        ObjectNode body = json.createObjectNode();
        body.put("deliveryId", deliveryId);
        body.put("type", n.type());
        body.put("project", source.project());
        if (n.environment() != null) {
            body.put("environment", n.environment());
        }
        if (n.version() != null) {
            body.put("version", n.version());
        }
        body.put("summary", n.summary());
        body.put("actor", source.actor());
        body.put("occurredAt", source.occurredAt().toString());
        body.put("recordedAt", source.recordedAt().toString());
        body.put("globalIndex", source.globalIndex());
        body.put("eventType", source.eventType());
        body.set("event", source.event());
        return body;
    }

    private static String slack(String deliveryId, Notification n, Source source, ObjectMapper json)
            throws JsonProcessingException {
        String context = "delivery " + deliveryId + " · event " + source.globalIndex() + " · " + source.recordedAt();
        return json.writeValueAsString(Map.of(
                "text", escape("[" + n.type() + "] " + n.summary()),
                "blocks", List.of(
                        Map.of("type", "section", "text", Map.of("type", "mrkdwn",
                                "text", "*" + n.type() + "*\n" + escape(n.summary()))),
                        Map.of("type", "context", "elements", List.of(Map.of("type", "mrkdwn", "text", escape(context)))))));
    }

    /** Slack's three control characters in message text; everything else is shown as written. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
