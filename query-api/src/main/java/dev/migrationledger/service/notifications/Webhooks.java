package dev.migrationledger.service.notifications;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.migrationledger.ledger.api.ConfigureWebhook;
import dev.migrationledger.ledger.api.RemoveWebhook;
import dev.migrationledger.ledger.api.WebhookConfigured;
import dev.migrationledger.ledger.domain.InputCheck;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A project's webhooks: configuring and removing them through the aggregate, reading them and their deliveries. */
@Service
public class Webhooks {

    static final int MIN_SECRET = 16;
    static final int MAX_SECRET = 256;
    public static final int MAX_LISTED = 1000;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Listed(String id, String project, String url, List<String> events, String format,
                         Instant configuredAt, String configuredBy, Instant removedAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Attempt(int attempt, Instant at, long durationMs, Integer status, String error) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Delivery(String deliveryId, String type, String eventId, long globalIndex, String state,
                           Instant createdAt, Instant nextAttemptAt, Instant deliveredAt, List<Attempt> attempts) {
    }

    private final CommandGateway commands;
    private final JdbcTemplate jdbc;

    Webhooks(CommandGateway commands, JdbcTemplate jdbc) {
        this.commands = commands;
        this.jdbc = jdbc;
    }

    /**
     * Stores the secret, then records the webhook; the answer is what was recorded (with the same id and
     * content, the earlier record). The secret is stored first so that the first message finds it.
     */
    public Listed configure(String project, String id, String url, List<String> events, String format, String secret,
                            String actor) {
        new InputCheck().require(secret != null && secret.length() >= MIN_SECRET && secret.length() <= MAX_SECRET,
                "secret", "secret is " + MIN_SECRET + " to " + MAX_SECRET + " characters, shared with the receiver, "
                        + "which checks the Ledger-Signature header with it").throwIfInvalid();
        boolean stored = jdbc.update("INSERT INTO webhook_secret (webhook_id, secret) VALUES (?, ?) "
                + "ON CONFLICT (webhook_id) DO NOTHING", id, secret) == 1;
        WebhookConfigured recorded;
        try {
            recorded = commands.sendAndWait(new ConfigureWebhook(project, id, url, events, format, sha256(secret), actor));
        } catch (RuntimeException rejected) {
            if (stored) {
                jdbc.update("DELETE FROM webhook_secret WHERE webhook_id = ?", id);
            }
            throw rejected;
        }
        return new Listed(recorded.webhookId(), recorded.project(), recorded.url(), recorded.events(), recorded.format(),
                recorded.recordedAt(), recorded.actor(), null);
    }

    public void remove(String project, String id, String actor) {
        commands.sendAndWait(new RemoveWebhook(project, id, actor));
    }

    /** The project's webhooks in force, oldest first. */
    public List<Listed> list(String project) {
        return jdbc.query("SELECT * FROM webhook WHERE project = ? AND removed_at IS NULL ORDER BY configured_at, webhook_id",
                (rs, i) -> listed(rs), project);
    }

    /** The webhook, also once removed: its deliveries stay listed. */
    public Optional<Listed> find(String project, String id) {
        return jdbc.query("SELECT * FROM webhook WHERE project = ? AND webhook_id = ?", (rs, i) -> listed(rs), project, id)
                .stream().findFirst();
    }

    /** The webhook's messages, newest first, each with its attempts; {@code state} null for all. */
    public List<Delivery> deliveries(String id, String state, int limit) {
        Map<String, Delivery> byId = new LinkedHashMap<>();
        jdbc.query("SELECT * FROM webhook_delivery WHERE webhook_id = ? AND (?::text IS NULL OR state = ?) "
                        + "ORDER BY global_index DESC, event_type LIMIT ?",
                rs -> {
                    String deliveryId = rs.getString("delivery_id");
                    String current = rs.getString("state");
                    byId.put(deliveryId, new Delivery(deliveryId, rs.getString("event_type"), rs.getString("event_id"),
                            rs.getLong("global_index"), current, instant(rs.getTimestamp("created_at")),
                            "PENDING".equals(current) ? instant(rs.getTimestamp("next_attempt_at")) : null,
                            instant(rs.getTimestamp("delivered_at")), new java.util.ArrayList<>()));
                }, id, state, state, limit);
        if (!byId.isEmpty()) {
            jdbc.query(con -> {
                var ps = con.prepareStatement("SELECT * FROM webhook_attempt WHERE delivery_id = ANY (?::uuid[]) "
                        + "ORDER BY delivery_id, attempt");
                ps.setArray(1, con.createArrayOf("text", byId.keySet().toArray()));
                return ps;
            }, rs -> {
                byId.get(rs.getString("delivery_id")).attempts().add(new Attempt(rs.getInt("attempt"),
                        instant(rs.getTimestamp("attempted_at")), rs.getLong("duration_ms"),
                        (Integer) rs.getObject("status_code"), rs.getString("error")));
            });
        }
        return List.copyOf(byId.values());
    }

    private static Listed listed(ResultSet rs) throws SQLException {
        Array events = rs.getArray("events");
        return new Listed(rs.getString("webhook_id"), rs.getString("project"), rs.getString("url"),
                Arrays.asList((String[]) events.getArray()), rs.getString("format"),
                instant(rs.getTimestamp("configured_at")), rs.getString("configured_by"),
                instant(rs.getTimestamp("removed_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }

    /** A webhook the project does not have: answered 404. */
    public static final class UnknownWebhook extends RuntimeException {
        public UnknownWebhook(String project, String id) {
            super("project " + project + " has no webhook " + id + "; GET /api/v1/projects/" + project
                    + "/webhooks lists them");
        }
    }
}
