package dev.migrationledger.service.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationledger.ledger.domain.Checksum;
import dev.migrationledger.ledger.testing.WebhookReceiver;
import dev.migrationledger.service.LedgerIntegrationTest;
import dev.migrationledger.service.web.Api;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhooks (SPEC §10) against real local receivers: each notification type reaches them signed, with a
 * delivery id; a receiver that is down or failing gets every message once it is back; attempts are listed.
 */
class WebhookApiTest extends LedgerIntegrationTest {

    static final String SECRET = "whsec-0123456789abcdef";
    static final WebhookReceiver RECEIVER = new WebhookReceiver(SECRET).start();
    static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void fastRetries(DynamicPropertyRegistry registry) {
        registry.add("ledger.notifications.first-retry", () -> "PT0.2S");
        registry.add("ledger.notifications.max-retry", () -> "PT1S");
        registry.add("ledger.notifications.poll-interval", () -> "PT0.05S");
        registry.add("ledger.notifications.request-timeout", () -> "PT2S");
        registry.add("ledger.notifications.review-check-interval", () -> "PT0.3S");
    }

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    static final Map<String, String> HEAD = Map.of("Ledger-Consistency", "head");

    Api admin;
    static Api ci;

    @BeforeEach
    void tokens() {
        admin = Api.admin(port, currentHome);
        if (ci == null) {
            ci = admin.as("ci-bot", "ci");
        }
    }

    void register(String project) {
        Api.Response r = admin.post("/api/v1/projects", Map.of("id", project, "environments", List.of(
                Map.of("name", "staging"), Map.of("name", "prod", "policy", Map.of("requiredApprovals", 2)))));
        assertThat(r.status()).as(r.body().toString()).isEqualTo(201);
    }

    String configure(String project, String url, List<String> events, String format) {
        Map<String, Object> body = new HashMap<>(Map.of("url", url, "events", events, "secret", SECRET));
        if (format != null) {
            body.put("format", format);
        }
        Api.Response r = admin.post("/api/v1/projects/" + project + "/webhooks", body);
        assertThat(r.status()).as(r.body().toString()).isEqualTo(201);
        return r.body().path("id").asText();
    }

    static String sha(String text) {
        return Checksum.ofScript(text.getBytes(StandardCharsets.UTF_8)).hex();
    }

    void plan(String project, String version) {
        Api.Response r = ci.post("/api/v1/projects/" + project + "/migrations", Map.of("migrations", List.of(Map.of(
                "version", version, "description", "step " + version, "checksum", sha(version),
                "changeClass", "ADDITIVE", "author", "alice"))));
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
    }

    void fact(String project, String env, String executionId, String version, String status) {
        Api.Response r = ci.post("/api/v1/projects/" + project + "/environments/" + env + "/executions",
                Map.of("facts", List.of(Map.of("executionId", executionId, "version", version, "checksum", sha(version),
                        "status", status, "startedAt", "2026-05-01T10:00:00Z", "finishedAt", "2026-05-01T10:00:02Z",
                        "tool", "ledger", "error", "APPLIED".equals(status) ? "" : "relation \"legacy\" does not exist\nat line 3"))));
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
    }

    JsonNode body(WebhookReceiver.Received received) throws Exception {
        return JSON.readTree(received.body());
    }

    @Test
    void everyNotificationTypeReachesTheReceiverSignedWithADeliveryId() throws Exception {
        register("hooked-db");
        String id = configure("hooked-db", RECEIVER.url(), List.of("approval.needed", "authorization.denied", "migration.failed",
                "drift.detected", "fact.unauthorized"), null);
        plan("hooked-db", "1");
        Api.Response denied = ci.post("/api/v1/projects/hooked-db/environments/prod/authorizations",
                Map.of("executionId", "run-prod-1", "versions", List.of("1")));
        assertThat(denied.body().path("denied").toString()).contains("NO_APPROVAL");
        fact("hooked-db", "staging", "run-staging-1", "1", "FAILED");
        fact("hooked-db", "staging", "hotfix-2", "2", "APPLIED");      // never planned, never authorized
        Api.Response scan = ci.post("/api/v1/projects/hooked-db/environments/staging/drift-scans", Map.of("scanId", "scan-1",
                "tool", "flyway", "history", List.of(Map.of("version", "7", "checksum", sha("7"), "success", true,
                        "installedOn", "2026-05-01T10:00:02Z", "description", "by hand", "installedBy", "dba"))));
        assertThat(scan.status()).as(scan.body().toString()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).until(() -> RECEIVER.received.stream()
                .map(WebhookReceiver.Received::event).distinct().count() == 5 && jdbc.queryForObject(
                "SELECT count(*) FROM webhook_delivery WHERE webhook_id = ? AND state <> 'DELIVERED'", Integer.class, id) == 0);
        assertThat(RECEIVER.countsByDelivery().keySet()).containsExactlyInAnyOrderElementsOf(jdbc.queryForList(
                "SELECT delivery_id::text FROM webhook_delivery WHERE webhook_id = ?", String.class, id));
        assertThat(RECEIVER.received).allSatisfy(r -> {
            assertThat(r.signatureValid()).as(r.signature()).isTrue();
            assertThat(r.userAgent()).isEqualTo(WebhookDispatcher.USER_AGENT);
            assertThat(JSON.readTree(r.body()).path("deliveryId").asText()).isEqualTo(r.deliveryId());
            assertThat(JSON.readTree(r.body()).path("type").asText()).isEqualTo(r.event());
            assertThat(JSON.readTree(r.body()).path("project").asText()).isEqualTo("hooked-db");
        });
        JsonNode approval = body(RECEIVER.ofType("approval.needed").get(0));
        assertThat(approval.path("version").asText()).isEqualTo("1");
        assertThat(approval.path("event").path("migration").path("checksum").asText()).isEqualTo(sha("1"));
        assertThat(approval.path("actor").asText()).isEqualTo("ci-bot");
        JsonNode deny = body(RECEIVER.ofType("authorization.denied").get(0));
        assertThat(deny.path("environment").asText()).isEqualTo("prod");
        assertThat(deny.path("summary").asText()).contains("NO_APPROVAL");
        JsonNode failed = body(RECEIVER.ofType("migration.failed").get(0));
        assertThat(failed.path("summary").asText()).contains("relation \"legacy\" does not exist").doesNotContain("line 3");
        assertThat(failed.path("event").path("error").asText()).contains("at line 3");
        // the failed run of 1 was never authorized either; the hotfix 2 was not even planned
        List<JsonNode> outside = new java.util.ArrayList<>();
        for (WebhookReceiver.Received r : RECEIVER.ofType("fact.unauthorized")) {
            outside.add(body(r));
        }
        assertThat(outside).extracting(n -> n.path("version").asText()).containsExactlyInAnyOrder("1", "2");
        JsonNode hotfix = outside.stream().filter(n -> n.path("version").asText().equals("2")).findFirst().orElseThrow();
        assertThat(hotfix.path("summary").asText()).contains("UNAUTHORIZED").contains("UNPLANNED").contains("was applied");
        // 7 was applied by hand; 2, applied through the ledger, is not in the scanned history
        List<JsonNode> drift = new java.util.ArrayList<>();
        for (WebhookReceiver.Received r : RECEIVER.ofType("drift.detected")) {
            drift.add(body(r));
        }
        assertThat(drift).extracting(n -> n.path("event").path("kind").asText() + " " + n.path("version").asText())
                .contains("UNKNOWN_IN_DB 7", "MISSING_IN_DB 2");
        assertThat(drift).allMatch(n -> n.path("globalIndex").asLong() > 0);
        // once per (event, webhook): a replanned 1 would be another message, the same event never is
        assertThat(RECEIVER.countsByDelivery().values()).allMatch(n -> n == 1);
    }

    @Test
    void aReceiverThatIsDownGetsEveryMessageOnceItIsBackAndTheAttemptsAreListed() throws Exception {
        register("down-db");
        try (WebhookReceiver down = new WebhookReceiver(SECRET)) {
            String id = configure("down-db", down.url(), List.of("approval.needed"), "json");
            for (int v = 1; v <= 5; v++) {
                plan("down-db", String.valueOf(v));
            }
            // nothing listens: refused connections, retried with backoff
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("SELECT count(*) FROM webhook_delivery "
                    + "WHERE webhook_id = ? AND attempts >= 3", Integer.class, id) == 5);
            Api.Response pending = admin.get("/api/v1/projects/down-db/webhooks/" + id + "/deliveries");
            assertThat(pending.status()).isEqualTo(200);
            assertThat(pending.body()).hasSize(5);
            JsonNode first = pending.body().get(0);
            assertThat(first.path("state").asText()).isEqualTo("PENDING");
            assertThat(first.path("nextAttemptAt").isTextual()).isTrue();
            assertThat(first.path("attempts").get(0).path("error").asText()).contains("ConnectException");
            assertThat(first.path("attempts").get(0).has("status")).isFalse();

            down.failuresLeft.set(3);   // back, but answering 503 three more times
            down.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> down.countsByDelivery().size() == 5);
            assertThat(down.received).allMatch(WebhookReceiver.Received::signatureValid);
            // the dispatcher records a delivery once the 204 is back: the receiver may have the fifth message first
            Api.Response delivered = await().atMost(Duration.ofSeconds(30)).until(() -> admin.send("GET",
                    "/api/v1/projects/down-db/webhooks/" + id + "/deliveries?state=DELIVERED", null, HEAD),
                    r -> r.body().size() == 5);
            assertThat(delivered.body()).allSatisfy(d -> {
                assertThat(d.path("deliveredAt").isTextual()).isTrue();
                JsonNode attempts = d.path("attempts");
                assertThat(attempts.get(attempts.size() - 1).path("status").asInt()).isEqualTo(204);
                assertThat(attempts.size()).isGreaterThan(1);
            });
            assertThat(down.countsByDelivery().keySet()).containsExactlyInAnyOrderElementsOf(
                    delivered.body().findValuesAsText("deliveryId"));
            boolean sawRetryStatus = false;
            for (JsonNode d : delivered.body()) {
                for (JsonNode a : d.path("attempts")) {
                    sawRetryStatus |= a.path("status").asInt() == 503;
                }
            }
            assertThat(sawRetryStatus).as("a 503 is retried like a refused connection").isTrue();
            assertThat(meters.get("ledger.webhooks.pending").gauge().value()).isNotNaN();
            assertThat(meters.get("ledger.webhooks.attempts").tag("outcome", "failed").counter().count()).isGreaterThanOrEqualTo(18);
            assertThat(meters.get("ledger.webhooks.attempts").tag("outcome", "delivered").counter().count()).isGreaterThanOrEqualTo(5);
        }
    }

    @Test
    void slackFormatIsAnIncomingWebhookMessage() throws Exception {
        register("slack-db");
        try (WebhookReceiver slack = new WebhookReceiver(SECRET).start()) {
            configure("slack-db", slack.url(), List.of("migration.failed"), "slack");
            plan("slack-db", "1");
            fact("slack-db", "staging", "run-<1>", "1", "FAILED");
            await().atMost(Duration.ofSeconds(30)).until(() -> slack.received.size() == 1);
            WebhookReceiver.Received message = slack.received.get(0);
            assertThat(message.signatureValid()).isTrue();
            assertThat(message.event()).isEqualTo("migration.failed");
            JsonNode body = body(message);
            assertThat(body.path("text").asText()).startsWith("[migration.failed] slack-db/staging: 1 failed")
                    .contains("run-&lt;1&gt;");
            assertThat(body.path("blocks").get(0).path("text").path("type").asText()).isEqualTo("mrkdwn");
            assertThat(body.path("blocks").get(1).path("elements").get(0).path("text").asText()).contains(message.deliveryId());
        }
    }

    @Test
    void webhooksAreAnAdminsAndTheirSecretsStayOutOfTheLogAndTheAnswers() {
        register("secret-db");
        String secret = "only-secret-db-knows-this";
        Api.Response configured = admin.post("/api/v1/projects/secret-db/webhooks", Map.of("url", RECEIVER.url(),
                "events", List.of("drift.detected"), "secret", secret));
        assertThat(configured.raw().body()).doesNotContain(secret);
        String id = configured.body().path("id").asText();
        Api.Response listed = admin.send("GET", "/api/v1/projects/secret-db/webhooks", null, HEAD);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.raw().body()).contains(id).doesNotContain(secret);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE convert_from(payload, 'UTF8') LIKE ?",
                Integer.class, "%" + secret + "%")).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE convert_from(payload, 'UTF8') LIKE ?",
                Integer.class, "%" + Webhooks.sha256(secret) + "%")).isEqualTo(1);
        assertThat(ci.get("/api/v1/projects/secret-db/webhooks").status()).isEqualTo(403);
        assertThat(ci.post("/api/v1/projects/secret-db/webhooks", Map.of("url", RECEIVER.url(),
                "events", List.of("drift.detected"), "secret", SECRET)).status()).isEqualTo(403);
    }

    @Test
    void badRequestsAreProblemsWithEveryReason() {
        register("bad-db");
        int secrets = jdbc.queryForObject("SELECT count(*) FROM webhook_secret", Integer.class);
        Api.Response bad = admin.post("/api/v1/projects/bad-db/webhooks", Map.of("url", "file:///etc/passwd",
                "events", List.of("migration.exploded", "review.overdue"), "format", "xml", "secret", "s3cr3t-but-long-enough"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.raw().headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(bad.body().findValuesAsText("field")).containsExactlyInAnyOrder("url", "format", "events");
        // a refused webhook leaves no secret behind
        assertThat(jdbc.queryForObject("SELECT count(*) FROM webhook_secret", Integer.class)).isEqualTo(secrets);
        Api.Response shortSecret = admin.post("/api/v1/projects/bad-db/webhooks", Map.of("url", RECEIVER.url(),
                "events", List.of("drift.detected"), "secret", "short"));
        assertThat(shortSecret.status()).isEqualTo(400);
        assertThat(shortSecret.body().findValuesAsText("field")).containsExactly("secret");
        assertThat(admin.post("/api/v1/projects/no-such-db/webhooks", Map.of("url", RECEIVER.url(),
                "events", List.of("drift.detected"), "secret", SECRET)).status()).isEqualTo(404);
        Api.Response unknown = admin.get("/api/v1/projects/bad-db/webhooks/nope/deliveries");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().path("detail").asText()).contains("has no webhook nope");
        assertThat(admin.get("/api/v1/projects/bad-db/webhooks/nope/deliveries?limit=0").status()).isEqualTo(400);
    }

    @Test
    void aRemovedWebhookGetsNothingMoreAndItsPendingMessagesAreDropped() {
        register("removed-db");
        try (WebhookReceiver down = new WebhookReceiver(SECRET)) {
            String id = configure("removed-db", down.url(), List.of("approval.needed"), "json");
            plan("removed-db", "1");
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("SELECT count(*) FROM webhook_delivery "
                    + "WHERE webhook_id = ? AND attempts >= 1", Integer.class, id) == 1);
            assertThat(admin.delete("/api/v1/projects/removed-db/webhooks/" + id).status()).isEqualTo(204);
            assertThat(admin.delete("/api/v1/projects/removed-db/webhooks/" + id).status()).isEqualTo(204);
            plan("removed-db", "2");
            Api.Response listed = admin.send("GET", "/api/v1/projects/removed-db/webhooks", null, HEAD);
            assertThat(listed.body()).isEmpty();
            down.start();
            Api.Response deliveries = admin.send("GET",
                    "/api/v1/projects/removed-db/webhooks/" + id + "/deliveries", null, HEAD);
            assertThat(deliveries.body()).hasSize(1);
            assertThat(deliveries.body().get(0).path("state").asText()).isEqualTo("DROPPED");
            // through several polls and retry periods, nothing arrives
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> down.received.isEmpty());
        }
    }

    @Test
    void approvalNeededIsSentOnlyWhereAPolicyRequiresApprovals() throws Exception {
        admin.post("/api/v1/projects", Map.of("id", "free-db", "environments", List.of(Map.of("name", "dev"),
                Map.of("name", "test", "policy", Map.of("requiredApprovals", 0)))));
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET).start()) {
            configure("free-db", receiver.url(), List.of("approval.needed", "migration.failed"), "json");
            plan("free-db", "1");
            Api.Response strict = admin.put("/api/v1/projects/free-db/environments/test/policy",
                    Map.of("requiredApprovals", 1));
            assertThat(strict.status()).as(strict.body().toString()).isEqualTo(200);
            plan("free-db", "2");
            fact("free-db", "dev", "run-dev-3", "3", "FAILED");    // a later message, so 1's silence is not just slowness
            await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.ofType("migration.failed").isEmpty());
            await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.ofType("approval.needed").isEmpty());
            List<WebhookReceiver.Received> needed = receiver.ofType("approval.needed");
            assertThat(needed).hasSize(1);
            JsonNode two = body(needed.get(0));
            assertThat(two.path("version").asText()).isEqualTo("2");
            assertThat(two.path("environment").asText()).isEqualTo("test");
            assertThat(two.path("summary").asText()).contains("in test (1 approval)").doesNotContain("dev");
            assertThat(needed.get(0).signatureValid()).isTrue();
        }
    }

    @Test
    void reviewOverdueIsRaisedOncePerReviewPastItsDueTimeAndNeverForAReviewedOne() throws Exception {
        admin.post("/api/v1/projects", Map.of("id", "late-db", "environments", List.of(Map.of("name", "prod",
                "policy", Map.of("reviewWithin", "PT2S")))));
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET).start()) {
            configure("late-db", receiver.url(), List.of("review.overdue"), "json");
            fact("late-db", "prod", "hotfix-late", "1", "APPLIED");     // unplanned and unauthorized: a review opens
            fact("late-db", "prod", "hotfix-quick", "2", "APPLIED");
            Api bob = admin.as("bob", "approver");
            await().atMost(Duration.ofSeconds(10)).until(() -> bob.post("/api/v1/projects/late-db/reviews/hotfix-quick",
                    Map.of("comment", "checked the same minute")).status() == 200);
            await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.ofType("review.overdue").isEmpty());
            JsonNode overdue = body(receiver.ofType("review.overdue").get(0));
            assertThat(overdue.path("environment").asText()).isEqualTo("prod");
            assertThat(overdue.path("version").asText()).isEqualTo("1");
            assertThat(overdue.path("eventType").asText()).isEqualTo("EmergencyReview");
            assertThat(overdue.path("event").path("reviewId").asText()).isEqualTo("hotfix-late");
            assertThat(overdue.path("event").path("state").asText()).isEqualTo("overdue");
            assertThat(overdue.path("summary").asText()).contains("hotfix-late").contains("ledger review --id hotfix-late");
            assertThat(overdue.path("globalIndex").asLong()).isEqualTo(jdbc.queryForObject(
                    "SELECT global_index FROM review_watch WHERE project = 'late-db' AND review_id = 'hotfix-late'", Long.class));
            // many checks later: still the one message, and none for the review closed in time
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                    .until(() -> receiver.ofType("review.overdue").size() == 1);
            assertThat(receiver.received).allMatch(WebhookReceiver.Received::signatureValid);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM webhook_delivery WHERE event_type = 'review.overdue' "
                    + "AND webhook_id IN (SELECT webhook_id FROM webhook WHERE project = 'late-db')", Integer.class)).isEqualTo(1);
            assertThat(jdbc.queryForObject("SELECT overdue_raised_at IS NOT NULL FROM review_watch "
                    + "WHERE project = 'late-db' AND review_id = 'hotfix-late'", Boolean.class)).isTrue();
        }
    }

    @Autowired
    OverdueReviews overdueReviews;

    /** The check asks a project (loading its aggregate) only once one of its reviews can be due. */
    @Test
    void aProjectWhoseReviewsAreNotDueYetIsNotAsked() {
        admin.post("/api/v1/projects", Map.of("id", "patient-db", "environments", List.of(Map.of("name", "prod",
                "policy", Map.of("reviewWithin", "PT1H")))));
        fact("patient-db", "prod", "hotfix-patient", "1", "APPLIED");
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM review_watch WHERE project = 'patient-db'", Integer.class) == 1);
        java.time.Instant openedAt = jdbc.queryForObject(
                "SELECT opened_at FROM review_watch WHERE project = 'patient-db'", java.sql.Timestamp.class).toInstant();

        assertThat(overdueReviews.projectsWithReviewsDue(openedAt.plus(Duration.ofMinutes(59)))).doesNotContain("patient-db");
        assertThat(overdueReviews.projectsWithReviewsDue(openedAt.plus(Duration.ofMinutes(61)))).contains("patient-db");

        assertThat(admin.put("/api/v1/projects/patient-db/environments/prod/policy", Map.of("reviewWithin", "PT10M"))
                .status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> overdueReviews.projectsWithReviewsDue(
                openedAt.plus(Duration.ofMinutes(11))).contains("patient-db"));
    }
}
