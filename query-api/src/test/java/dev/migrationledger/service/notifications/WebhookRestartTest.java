package dev.migrationledger.service.notifications;

import dev.migrationledger.service.LedgerApplication;
import dev.migrationledger.ledger.testing.WebhookReceiver;
import dev.migrationledger.service.LedgerIntegrationTest;
import dev.migrationledger.ledger.testing.TestPostgres;
import dev.migrationledger.service.web.Api;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox outlives the service: messages queued while the receiver is down, and the service stopped
 * before it came back, all reach the receiver after a restart, under the delivery ids they were queued with.
 */
class WebhookRestartTest {

    static final String SECRET = "restart-secret-0123456789";

    private final TestPostgres.Database db = TestPostgres.freshDatabase("webhook_restart");
    private final java.nio.file.Path home = LedgerIntegrationTest.home("webhook-restart");

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(LedgerApplication.class).run("--server.port=0",
                "--spring.datasource.url=" + db.url(), "--spring.datasource.username=" + db.user(),
                "--spring.datasource.password=" + db.password(), "--ledger.home=" + home,
                "--ledger.notifications.first-retry=PT0.2S", "--ledger.notifications.max-retry=PT1S",
                "--ledger.notifications.poll-interval=PT0.05S", "--ledger.notifications.request-timeout=PT2S",
                "--ledger.notifications.review-check-interval=PT0.2S");
    }

    private static Api admin(ConfigurableApplicationContext app, java.nio.file.Path home) {
        return Api.admin(((WebServerApplicationContext) app).getWebServer().getPort(), home);
    }

    @Test
    void messagesQueuedBeforeAStopAreDeliveredAfterTheRestartUnderTheirIds() {
        Set<String> queued;
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET)) {
            try (ConfigurableApplicationContext app = start()) {
                Api admin = admin(app, home);
                Api ci = admin.as("ci-bot", "ci");
                assertThat(admin.post("/api/v1/projects", Map.of("id", "restart-db", "environments",
                        List.of(Map.of("name", "dev", "policy", Map.of("requiredApprovals", 1))))).status()).isEqualTo(201);
                Api.Response hook = admin.post("/api/v1/projects/restart-db/webhooks", Map.of("url", receiver.url(),
                        "events", List.of("approval.needed"), "secret", SECRET));
                assertThat(hook.status()).as(hook.body().toString()).isEqualTo(201);
                for (int v = 1; v <= 20; v++) {
                    assertThat(ci.post("/api/v1/projects/restart-db/migrations", Map.of("migrations", List.of(Map.of(
                            "version", String.valueOf(v), "checksum", WebhookApiTest.sha("v" + v),
                            "changeClass", "ADDITIVE")))).status()).isEqualTo(200);
                }
                JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
                // every message queued and tried at least once against the receiver that is down
                await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                        "SELECT count(*) FROM webhook_delivery WHERE attempts >= 1", Integer.class) == 20);
                queued = new HashSet<>(jdbc.queryForList("SELECT delivery_id::text FROM webhook_delivery", String.class));
                assertThat(jdbc.queryForObject("SELECT count(*) FROM webhook_delivery WHERE state = 'PENDING'",
                        Integer.class)).isEqualTo(20);
            }
            receiver.start();
            try (ConfigurableApplicationContext app = start()) {
                JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
                await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                        "SELECT count(*) FROM webhook_delivery WHERE state = 'DELIVERED'", Integer.class) == 20);
                assertThat(receiver.countsByDelivery().keySet()).containsExactlyInAnyOrderElementsOf(queued);
                assertThat(receiver.received).allMatch(WebhookReceiver.Received::signatureValid);
                // the processor's token survived too: the restart queued nothing again
                assertThat(jdbc.queryForObject("SELECT count(*) FROM webhook_delivery", Integer.class)).isEqualTo(20);
            }
        }
    }

    @Test
    void anOverdueReviewRaisedBeforeARestartIsNotRaisedAgainAfterIt() {
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET).start()) {
            try (ConfigurableApplicationContext app = start()) {
                Api admin = admin(app, home);
                assertThat(admin.post("/api/v1/projects", Map.of("id", "late-db", "environments", List.of(Map.of(
                        "name", "prod", "policy", Map.of("reviewWithin", "PT1S"))))).status()).isEqualTo(201);
                assertThat(admin.post("/api/v1/projects/late-db/webhooks", Map.of("url", receiver.url(),
                        "events", List.of("review.overdue"), "secret", SECRET)).status()).isEqualTo(201);
                Api.Response fact = admin.as("ci-bot", "ci").post("/api/v1/projects/late-db/environments/prod/executions",
                        Map.of("facts", List.of(Map.of("executionId", "hotfix-1", "version", "1",
                                "checksum", WebhookApiTest.sha("hotfix"), "status", "APPLIED",
                                "finishedAt", "2026-05-01T10:00:02Z", "tool", "ledger"))));
                assertThat(fact.status()).as(fact.body().toString()).isEqualTo(200);
                await().atMost(Duration.ofSeconds(30)).until(() -> receiver.ofType("review.overdue").size() == 1);
            }
            try (ConfigurableApplicationContext app = start()) {
                JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
                // the review is still overdue and unreviewed: every check after the restart finds it raised already
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                        .until(() -> receiver.ofType("review.overdue").size() == 1);
                assertThat(jdbc.queryForObject("SELECT count(*) FROM webhook_delivery WHERE event_type = 'review.overdue'",
                        Integer.class)).isEqualTo(1);
                assertThat(receiver.received).allMatch(WebhookReceiver.Received::signatureValid);
            }
        }
    }
}
