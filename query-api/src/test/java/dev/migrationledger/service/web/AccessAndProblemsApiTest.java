package dev.migrationledger.service.web;

import dev.migrationledger.service.LedgerIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may call what, and what callers are told when they may not or sent something wrong. */
class AccessAndProblemsApiTest extends LedgerIntegrationTest {

    static final String CHECKSUM = "a".repeat(64);

    @LocalServerPort
    int port;

    static Api admin;
    static Map<String, Api> byRole;

    @BeforeEach
    void setUp() {
        if (byRole == null) {
            admin = Api.admin(port, currentHome);
            byRole = Map.of("ci", admin.as("ci-bot", "ci"), "approver", admin.as("bob", "approver"),
                    "auditor", admin.as("audrey", "auditor"), "admin", admin);
            admin.post("/api/v1/projects", Map.of("id", "acl", "environments", List.of(Map.of("name", "dev"))));
        }
    }

    @ParameterizedTest(name = "{0} {1} as {2} → {3}")
    @CsvSource({
            "POST, /api/v1/projects, ci, 403",
            "POST, /api/v1/projects, approver, 403",
            "POST, /api/v1/projects, auditor, 403",
            "PUT, /api/v1/projects/acl/environments/dev/policy, ci, 403",
            "POST, /api/v1/tokens, ci, 403",
            "GET, /api/v1/tokens, auditor, 403",
            "POST, /api/v1/projects/acl/migrations, approver, 403",
            "POST, /api/v1/projects/acl/migrations, admin, 403",
            "POST, /api/v1/projects/acl/migrations/1/approvals, ci, 403",
            "POST, /api/v1/projects/acl/migrations/1/approvals, admin, 403",
            "POST, /api/v1/projects/acl/environments/dev/backups, ci, 403",
            "POST, /api/v1/projects/acl/environments/dev/authorizations, approver, 403",
            "POST, /api/v1/projects/acl/environments/dev/executions, approver, 403",
            "POST, /api/v1/projects/acl/environments/dev/executions, auditor, 403",
            "POST, /api/v1/projects, none, 401",
            "POST, /api/v1/projects/acl/migrations, none, 401",
            "POST, /api/v1/projects/acl/environments/dev/executions, none, 401",
            "GET, /api/v1/tokens, none, 401",
    })
    void endpointsCheckRoles(String method, String path, String role, int expected) {
        Api caller = "none".equals(role) ? Api.anonymous(port) : byRole.get(role);
        Api.Response response = caller.send(method, path, Map.of(), Map.of());
        assertThat(response.status()).isEqualTo(expected);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.body().path("status").asInt()).isEqualTo(expected);
        assertThat(response.body().path("type").asText()).startsWith("https://");
    }

    @Test
    void anUnknownTokenIsRefusedWith401() {
        Api.Response response = Api.anonymous(port).withToken("mlt_not-a-real-token").get("/api/v1/tokens");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void aRevokedTokenStopsWorkingAtOnce() {
        Api.Response created = admin.post("/api/v1/tokens", Map.of("principal", "temp", "roles", List.of("ci")));
        Api temp = admin.withToken(created.body().get("token").asText());
        assertThat(temp.post("/api/v1/projects/acl/migrations", Map.of("migrations", List.of(Map.of(
                "version", "1", "checksum", CHECKSUM, "changeClass", "ADDITIVE")))).status()).isEqualTo(200);

        assertThat(admin.delete("/api/v1/tokens/" + created.body().get("id").asText()).status()).isEqualTo(204);

        assertThat(temp.get("/api/v1/tokens").status()).isEqualTo(401);
    }

    @Test
    void tokensAreShownOnceAndListedWithoutSecrets() {
        Api.Response list = admin.get("/api/v1/tokens");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().toString()).doesNotContain("mlt_").contains("\"principal\":\"ci-bot\"");
    }

    @Test
    void theAdminTokenFileIsReadableByItsOwnerOnly() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(currentHome.resolve("admin.token"))))
                .isEqualTo("rw-------");
    }

    @Test
    void theActorIsTheTokensPrincipalNotANameInTheBody() {
        Api ci = byRole.get("ci");
        ci.post("/api/v1/projects/acl/migrations", Map.of("migrations", List.of(Map.of(
                "version", "2", "checksum", CHECKSUM, "changeClass", "ADDITIVE"))));
        // ci-bot planned version 2 (author defaulted to the token's principal); ci-bot cannot approve by
        // getting an approver token in its own name
        Api ciAsApprover = admin.as("ci-bot", "approver");
        Api.Response self = ciAsApprover.post("/api/v1/projects/acl/migrations/2/approvals",
                Map.of("checksum", CHECKSUM, "approver", "someone-else"));
        assertThat(self.status()).isEqualTo(400);
        assertThat(self.body().path("detail").asText()).contains("approver");
        Api.Response noSpoof = ciAsApprover.post("/api/v1/projects/acl/migrations/2/approvals", Map.of("checksum", CHECKSUM));
        assertThat(noSpoof.status()).isEqualTo(422);
        assertThat(noSpoof.reasonCodes()).containsExactly("SELF_APPROVAL");
    }

    @Test
    void everyReasonOfARejectionIsListed() {
        Api ci = byRole.get("ci");
        Api.Response response = ci.post("/api/v1/projects/acl/migrations", Map.of("migrations", List.of(
                Map.of("version", "x.y", "checksum", "nothex", "changeClass", "ADDITIVE"))));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().path("reasons").findValuesAsText("field"))
                .containsExactlyInAnyOrder("migrations[0].version", "migrations[0].checksum");
    }

    @Test
    void malformedBodiesGetProblemResponsesNotStackTraces() {
        Api ci = byRole.get("ci");
        Api.Response broken = ci.post("/api/v1/projects/acl/migrations", "{\"migrations\": [");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.reasonCodes()).containsExactly("INVALID_INPUT");
        Api.Response wrongEnum = ci.post("/api/v1/projects/acl/migrations", Map.of("migrations", List.of(Map.of(
                "version", "3", "checksum", CHECKSUM, "changeClass", "HARMLESS"))));
        assertThat(wrongEnum.status()).isEqualTo(400);
        assertThat(wrongEnum.body().path("reasons").get(0).path("field").asText()).isEqualTo("migrations[0].changeClass");
        Api.Response duplicateKey = ci.post("/api/v1/projects/acl/environments/dev/authorizations",
                "{\"executionId\":\"a\",\"executionId\":\"b\",\"versions\":[\"1\"]}");
        assertThat(duplicateKey.status()).isEqualTo(400);
        for (Api.Response r : List.of(broken, wrongEnum, duplicateKey)) {
            assertThat(r.body().toString()).doesNotContain("Exception").doesNotContain("at dev.");
        }
    }

    @Test
    void unknownProjectsAndEnvironmentsAre404() {
        Api ci = byRole.get("ci");
        Api.Response project = ci.post("/api/v1/projects/nope/environments/dev/authorizations",
                Map.of("executionId", "r1", "versions", List.of("1")));
        assertThat(project.status()).isEqualTo(404);
        assertThat(project.reasonCodes()).containsExactly("UNKNOWN_PROJECT");
        Api.Response env = ci.post("/api/v1/projects/acl/environments/moon/authorizations",
                Map.of("executionId", "r1", "versions", List.of("1")));
        assertThat(env.status()).isEqualTo(404);
        assertThat(env.reasonCodes()).contains("UNKNOWN_ENVIRONMENT");
    }

    @Test
    void aRepeatedFactReturnsTheFirstResultAndOtherContentIsAConflict() {
        Api ci = byRole.get("ci");
        Map<String, Object> fact = Map.of("executionId", "run-9/1", "version", "1", "checksum", CHECKSUM,
                "status", "APPLIED", "finishedAt", "2026-05-01T10:00:00Z", "tool", "ledger");
        Api.Response first = ci.post("/api/v1/projects/acl/environments/dev/executions", Map.of("facts", List.of(fact)));
        Api.Response again = ci.post("/api/v1/projects/acl/environments/dev/executions", Map.of("facts", List.of(fact)));
        assertThat(first.status()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("facts").get(0).path("replayed").asBoolean()).isTrue();
        assertThat(again.body().path("facts").get(0).path("violations"))
                .isEqualTo(first.body().path("facts").get(0).path("violations"));
        assertThat(again.body().path("lastIndex")).isEqualTo(first.body().path("lastIndex"));

        Map<String, Object> changed = new java.util.HashMap<>(fact);
        changed.put("status", "FAILED");
        Api.Response conflict = ci.post("/api/v1/projects/acl/environments/dev/executions", Map.of("facts", List.of(changed)));
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.reasonCodes()).containsExactly("IDEMPOTENCY_CONFLICT");
    }

    @Test
    void anApprovalReplayedWithItsIdempotencyKeyIsRecordedOnce() {
        Api ci = byRole.get("ci");
        ci.post("/api/v1/projects/acl/migrations", Map.of("migrations", List.of(Map.of(
                "version", "5", "checksum", CHECKSUM, "changeClass", "ADDITIVE", "author", "dave"))));
        Api approver = byRole.get("approver");
        Map<String, String> key = Map.of("Idempotency-Key", "approve-5-once");
        Api.Response first = approver.post("/api/v1/projects/acl/migrations/5/approvals", Map.of("checksum", CHECKSUM), key);
        Api.Response again = approver.post("/api/v1/projects/acl/migrations/5/approvals", Map.of("checksum", CHECKSUM), key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body().path("approvalId").asText()).isEqualTo("approve-5-once");
        assertThat(again.body().path("lastIndex")).isEqualTo(first.body().path("lastIndex"));
        Api.Response other = approver.post("/api/v1/projects/acl/migrations/5/approvals",
                Map.of("checksum", CHECKSUM, "comment", "different"), key);
        assertThat(other.status()).isEqualTo(409);
    }

    @Test
    void bodiesOverTheLimitAre413WhetherDeclaredOrStreamed() throws Exception {
        String huge = "{\"facts\":[" + "{\"executionId\":\"x\"},".repeat(60_000) + "{}]}";
        Api.Response declared = byRole.get("ci").post("/api/v1/projects/acl/environments/dev/executions", huge);
        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.header("Content-Type")).startsWith("application/problem+json");

        var http = java.net.http.HttpClient.newHttpClient();
        byte[] bytes = huge.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var chunked = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port
                        + "/api/v1/projects/acl/environments/dev/executions"))
                .header("Authorization", "Bearer " + admin.as("ci-stream", "ci").token())
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes)))
                .build();
        var response = http.send(chunked, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
    }
}
