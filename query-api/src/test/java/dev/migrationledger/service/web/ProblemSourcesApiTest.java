package dev.migrationledger.service.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationledger.service.LedgerIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every place that refuses a request (a controller's validation, Spring Security's entry point and access
 * handler, MVC's routing and content negotiation, the size-limit filter, Jackson, Tomcat's error valve, the
 * ledger's rules) answers the same RFC 9457 document: application/problem+json with type, title, status and
 * detail, and the {@code reasons} extension where a reason code applies.
 */
class ProblemSourcesApiTest extends LedgerIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHECKSUM = "b".repeat(64);

    @LocalServerPort
    int port;

    static Map<String, String> tokens;

    @BeforeEach
    void setUp() {
        if (tokens == null) {
            Api admin = Api.admin(port, currentHome);
            assertThat(admin.post("/api/v1/projects", Map.of("id", "sources", "environments",
                    List.of(Map.of("name", "dev")))).status()).isEqualTo(201);
            Api ci = admin.as("carol", "ci");
            assertThat(ci.post("/api/v1/projects/sources/migrations", Map.of("migrations", List.of(Map.of(
                    "version", "1", "checksum", CHECKSUM, "changeClass", "ADDITIVE")))).status()).isEqualTo(200);
            tokens = Map.of("admin", admin.token(), "ci", ci.token(),
                    "author", admin.as("carol", "approver").token());
        }
    }

    @Test
    void validationIs400WithAReasonPerField() throws Exception {
        JsonNode problem = problem(send("POST", "/api/v1/projects/sources/migrations", "ci", json(),
                "{\"migrations\":[{\"version\":\"x.y\",\"checksum\":\"nothex\",\"changeClass\":\"ADDITIVE\"}]}"), 400,
                "invalid-input");
        assertThat(problem.path("reasons").findValuesAsText("code")).containsOnly("INVALID_INPUT");
        assertThat(problem.path("reasons").findValuesAsText("field"))
                .containsExactlyInAnyOrder("migrations[0].version", "migrations[0].checksum");
        assertThat(problem.path("instance").asText()).isEqualTo("/api/v1/projects/sources/migrations");
    }

    @Test
    void aMalformedJsonBodyIs400() throws Exception {
        JsonNode problem = problem(send("POST", "/api/v1/projects/sources/migrations", "ci", json(),
                "{migrations: 1}"), 400, "invalid-input");
        assertThat(problem.path("detail").asText()).startsWith("the body is not valid JSON");
    }

    @Test
    void noTokenAndAnUnknownTokenAre401FromTheSecurityChain() throws Exception {
        RawHttp.Response none = send("GET", "/api/v1/tokens", "none", Map.of(), null);
        problem(none, 401, "unauthorized");
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
        Map<String, String> unknown = Map.of("Authorization", "Bearer not-a-token");
        JsonNode problem = problem(new RawHttp(port, 10_000).send(RawHttp.request("GET", "/api/v1/projects",
                unknown, null)), 401, "unauthorized");
        assertThat(problem.path("detail").asText()).contains("unknown, revoked or malformed");
        assertThat(problem.path("instance").asText()).isEqualTo("/api/v1/projects");
    }

    @Test
    void aRoleThatDoesNotAllowTheRequestIs403() throws Exception {
        problem(send("POST", "/api/v1/tokens", "ci", json(), "{\"principal\":\"x\",\"roles\":[\"ci\"]}"), 403,
                "forbidden");
    }

    @Test
    void anUnknownRouteIs404() throws Exception {
        problem(send("GET", "/api/v1/no-such-thing", "admin", Map.of(), null), 404, "not-found");
    }

    @Test
    void anUnsupportedMethodIs405() throws Exception {
        // an admin may reach /api/v1/tokens, so Spring MVC, not security, judges the method
        problem(send("PUT", "/api/v1/tokens", "admin", json(), "{}"), 405, "method-not-allowed");
        RawHttp.Response unknownMethod = send("FOO", "/api/v1/projects", "admin", Map.of(), null);
        problem(unknownMethod, 405, "method-not-allowed");
        assertThat(unknownMethod.header("Allow")).contains("GET");
    }

    @Test
    void anUnacceptableTypeIs406AndAnUnsupportedBodyTypeIs415() throws Exception {
        problem(send("GET", "/api/v1/projects", "admin", Map.of("Accept", "image/png"), null), 406, "not-acceptable");
        problem(send("POST", "/api/v1/projects", "admin", Map.of("Content-Type", "text/plain"), "id=x"), 415,
                "unsupported-media-type");
    }

    @Test
    void aBodyOverTheLimitIs413BeforeItIsRead() throws Exception {
        String huge = "{\"facts\":[" + "{\"executionId\":\"x\"},".repeat(60_000) + "{}]}";
        problem(send("POST", "/api/v1/projects/sources/environments/dev/executions", "ci", json(), huge), 413,
                "payload-too-large");
    }

    @Test
    void aRequestTomcatRefusesIs400FromTheValve() throws Exception {
        JsonNode problem = problem(send("GET", "/api/v1/projects/a\u0001b", "admin", Map.of(), null), 400,
                "bad-request");
        assertThat(problem.path("detail").asText()).contains("refused the request");
    }

    @Test
    void refusalsByRuleCarryTheirCategorysStatus() throws Exception {
        JsonNode selfApproval = problem(send("POST", "/api/v1/projects/sources/migrations/1/approvals", "author",
                json(), "{\"checksum\":\"" + CHECKSUM + "\"}"), 422, "self-approval");
        assertThat(selfApproval.path("title").asText()).isEqualTo("Rejected by policy");
        assertThat(selfApproval.path("reasons").findValuesAsText("code")).containsExactly("SELF_APPROVAL");

        JsonNode unknown = problem(send("POST", "/api/v1/projects/nope/environments/dev/authorizations", "ci",
                json(), "{\"executionId\":\"run-1\",\"versions\":[\"1\"]}"), 404, "unknown-project");
        assertThat(unknown.path("reasons").findValuesAsText("code")).containsExactly("UNKNOWN_PROJECT");

        String fact = "{\"facts\":[{\"executionId\":\"run-9/1\",\"version\":\"1\",\"checksum\":\"" + CHECKSUM
                + "\",\"status\":\"%s\",\"startedAt\":\"2026-05-01T10:00:00Z\",\"finishedAt\":\"2026-05-01T10:00:01Z\"}]}";
        String path = "/api/v1/projects/sources/environments/dev/executions";
        assertThat(send("POST", path, "ci", json(), fact.formatted("APPLIED")).status()).isEqualTo(200);
        JsonNode conflict = problem(send("POST", path, "ci", json(), fact.formatted("FAILED")), 409,
                "idempotency-conflict");
        assertThat(conflict.path("reasons").findValuesAsText("code")).containsExactly("IDEMPOTENCY_CONFLICT");
    }

    /** The document, after checking what every problem has in common. */
    private static JsonNode problem(RawHttp.Response response, int status, String slug) throws Exception {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).as(response.body()).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("type").asText()).isEqualTo("https://migration-ledger.dev/problems/" + slug);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).isNotBlank();
        assertThat(problem.has("properties")).as("extensions are members, not a nested map").isFalse();
        assertThat(CleanRefusal.violationOfError(status, response.header("Content-Type"), response.body())).isNull();
        return problem;
    }

    private RawHttp.Response send(String method, String path, String role, Map<String, String> headers, String body) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        if (!role.equals("none")) {
            all.put("Authorization", "Bearer " + tokens.get(role));
        }
        byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        return new RawHttp(port, 10_000).send(RawHttp.request(method, path, all, bytes));
    }

    private static Map<String, String> json() {
        return Map.of("Content-Type", "application/json");
    }
}
