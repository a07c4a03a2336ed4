package dev.migrationledger.ledger.domain;

import dev.migrationledger.ledger.api.ConfigureWebhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** What a webhook may name (SPEC §10): an absolute http(s) URL, known notification types, a payload format. */
public final class WebhookCheck {

    /** Notification types a webhook can subscribe to, in SPEC order. */
    public static final List<String> EVENTS = List.of("approval.needed", "authorization.denied", "migration.failed",
            "drift.detected", "fact.unauthorized", "review.overdue");
    public static final List<String> FORMATS = List.of("json", "slack");
    static final int MAX_URL = 2000;

    /** The command with its events sorted and deduplicated and its format defaulted; every problem at once. */
    public ConfigureWebhook normalize(ConfigureWebhook cmd) {
        InputCheck check = new InputCheck().key("id", cmd.webhookId()).checksum("secret", cmd.secretSha256());
        checkUrl(cmd.url(), check);
        String format = cmd.format() == null ? "json" : cmd.format().toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(format)) {
            check.invalid("format", "format is one of " + FORMATS + ", not '" + cmd.format() + "'");
        }
        TreeSet<String> events = new TreeSet<>();
        if (cmd.events() == null || cmd.events().isEmpty()) {
            check.invalid("events", "events lists at least one of " + EVENTS);
        } else {
            for (String event : cmd.events()) {
                if (EVENTS.contains(event)) {
                    events.add(event);
                } else {
                    check.invalid("events", "unknown event '" + event + "'; webhooks can subscribe to " + EVENTS);
                }
            }
        }
        check.throwIfInvalid();
        return new ConfigureWebhook(cmd.projectId(), cmd.webhookId(), cmd.url(), List.copyOf(events), format,
                cmd.secretSha256(), cmd.actor());
    }

    private static void checkUrl(String url, InputCheck check) {
        if (url == null || url.isBlank()) {
            check.invalid("url", "url is required");
            return;
        }
        if (url.length() > MAX_URL) {
            check.invalid("url", "url is at most " + MAX_URL + " characters");
            return;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                check.invalid("url", "url is an absolute http:// or https:// URL with a host, not '" + url + "'");
            } else if (uri.getRawUserInfo() != null) {
                check.invalid("url", "url carries no user or password: they would be stored in the log; "
                        + "the receiver authenticates the ledger by the Ledger-Signature header");
            }
        } catch (URISyntaxException e) {
            check.invalid("url", "url is not a URL: " + e.getReason());
        }
    }
}
