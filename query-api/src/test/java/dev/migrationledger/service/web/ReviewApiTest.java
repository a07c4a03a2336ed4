package dev.migrationledger.service.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationledger.service.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A hotfix recorded outside the gate is listed for review; another approver closes it. */
class ReviewApiTest extends LedgerIntegrationTest {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    @LocalServerPort
    int port;

    @Test
    void aHotfixOutsideTheGateIsReviewedByAnotherApprover() throws Exception {
        Api admin = Api.admin(port, currentHome);
        Api ci = admin.as("ci-bot", "ci");
        Api bob = admin.as("bob", "approver");
        Api ciApprover = admin.as("ci-bot-approver", "approver");
        String project = "reviews-" + System.nanoTime();
        admin.post("/api/v1/projects", Map.of("id", project, "environments", List.of(Map.of("name", "prod",
                "policy", Map.of("reviewWithin", "PT12H")))));
        long recorded = ci.post("/api/v1/projects/" + project + "/environments/prod/executions", Map.of("facts", List.of(
                LifecycleApiTest.fact("hotfix-1", "7", DriftScanApiTest.sha("UPDATE t SET x = 1;"), "APPLIED"))))
                .body().path("lastIndex").asLong();

        JsonNode open = bob.get("/api/v1/projects/" + project + "/reviews?state=open").body();
        assertThat(open.path("reviews").size()).as(open.toString()).isEqualTo(1);
        JsonNode review = open.path("reviews").get(0);
        assertThat(review.path("reviewId").asText()).isEqualTo("hotfix-1");
        assertThat(review.path("factActor").asText()).isEqualTo("ci-bot");
        assertThat(review.path("violations").toString()).contains("UNAUTHORIZED").contains("UNPLANNED");
        assertThat(review.path("state").asText()).isEqualTo("open");

        Api auditor = admin.as("audrey", "auditor");
        // the report's read model has seen the project once it has seen the fact (read your writes)
        JsonNode report = auditor.get("/api/v1/reports/compliance?project=" + project + "&minIndex=" + recorded).body();
        assertThat(report.has("reviews")).as(report.toString()).isTrue();
        assertThat(report.path("reviews").findValuesAsText("reviewId")).containsExactly("hotfix-1");
        assertThat(auditor.get("/api/v1/reports/compliance?format=csv&project=" + project).raw().body().lines()
                .filter(l -> l.contains("hotfix-1")).findFirst().orElseThrow()).contains(",open,");
        assertThat(auditor.get("/api/v1/reports/compliance?format=html&project=" + project).raw().body())
                .contains("Emergency changes awaiting review").contains("hotfix-1");

        assertThat(ci.post("/api/v1/projects/" + project + "/reviews/hotfix-1", Map.of("comment", "mine")).status())
                .as("ci may not review").isEqualTo(403);
        Api.Response closed = bob.post("/api/v1/projects/" + project + "/reviews/hotfix-1",
                Map.of("comment", "hotfix checked against OPS-9"));
        assertThat(closed.status()).as(closed.body().toString()).isEqualTo(200);
        assertThat(closed.body().path("review").path("reviewedBy").asText()).isEqualTo("bob");
        assertThat(bob.get("/api/v1/projects/" + project + "/reviews?state=open").body().path("reviews").size()).isZero();
        assertThat(auditor.get("/api/v1/reports/compliance?project=" + project).body().path("reviews").size()).isZero();
        String csv = auditor.get("/api/v1/reports/compliance?format=csv&project=" + project).raw().body();
        assertThat(csv.lines().findFirst().orElseThrow()).endsWith(",review_state,review_due_at,reviewed_by,reviewed_at,review_comment");
        assertThat(csv.lines().filter(l -> l.contains("hotfix-1")).findFirst().orElseThrow())
                .contains(",closed,").contains(",bob,").endsWith(",hotfix checked against OPS-9");
        assertThat(bob.get("/api/v1/projects/" + project + "/reviews?state=bogus").reasonCodes())
                .containsExactly("INVALID_INPUT");
        assertThat(ciApprover.post("/api/v1/projects/" + project + "/reviews/nope", Map.of("comment", "x")).status())
                .isEqualTo(400);

        // the hotfix's receipt, built now, carries the review, and a verifier holds it to its logged event
        Api.Response receipt = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(
                () -> auditor.get("/api/v1/projects/" + project + "/environments/prod/migrations/7/receipt"),
                r -> r.status() == 200);
        JsonNode predicate = JSON.readTree(java.util.Base64.getDecoder().decode(receipt.body().at("/envelope/payload")
                .asText())).path("predicate");
        assertThat(predicate.path("review").path("reviewer").asText()).isEqualTo("bob");
        assertThat(predicate.path("review").path("comment").asText()).isEqualTo("hotfix checked against OPS-9");
        long reviewLeaf = predicate.path("review").path("leafIndex").asLong();
        assertThat(predicate.at("/ledger/leafIndexes").toString()).contains(String.valueOf(reviewLeaf));
        dev.migrationledger.ledger.integrity.Verdict verdict = new dev.migrationledger.ledger.integrity.ReceiptVerifier(
                auditor.currentLogKey()).verify(receipt.raw().body().getBytes(java.nio.charset.StandardCharsets.UTF_8), null);
        assertThat(verdict.render()).contains("PASS review at leaf " + reviewLeaf, "PASS reviewer is not the change's actor: bob",
                "PASS review follows the change");
        // an emergency change stays one: its violations keep it from being proven compliant, reviewed or not
        assertThat(verdict.proven()).isFalse();
        assertThat(verdict.failures()).extracting(dev.migrationledger.ledger.integrity.Verdict.Check::name)
                .containsExactly("no recorded violations");
    }
}
