package dev.migrationledger.ledger.api;

import java.time.Instant;
import java.util.List;

/**
 * A project's notification target was configured or removed (SPEC §10). The secret itself never enters the
 * log, which auditors and every authenticated reader can stream: {@code secretSha256} shows that it was
 * set and when it changed, the service keeps the secret. A removal carries the target as it was.
 */
public record WebhookConfigured(String project, String webhookId, Change change, String url, List<String> events,
                                String format, String secretSha256,
                                Instant occurredAt, Instant recordedAt, String actor) implements LedgerEvent {

    public enum Change {
        CONFIGURED,
        REMOVED
    }
}
