package dev.migrationledger.service.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationledger.service.LedgerIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint of the API (from the controllers' mappings) × every role × no token. Allowed callers
 * get past security (any answer but 401/403 — bodies are deliberately incomplete, so writes are
 * refused as invalid and change nothing); other roles get 403, callers without a token 401. And no
 * field of any body can name another actor: the token's principal is the actor.
 */
class AccessMatrixApiTest extends LedgerIntegrationTest {

    private static final Set<String> ANY = Set.of("ci", "approver", "auditor", "admin");
    private static final String MIGRATION = "/api/v1/projects/matrix/migrations/1";
    private static final String ENVIRONMENT = "/api/v1/projects/matrix/environments/dev";

    /** method, path, the roles allowed (SPEC §7). */
    record Endpoint(String method, String path, Set<String> allowed) {
    }

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("POST", "/api/v1/tokens", Set.of("admin")),
            new Endpoint("GET", "/api/v1/tokens", Set.of("admin")),
            new Endpoint("DELETE", "/api/v1/tokens/00000000-0000-0000-0000-000000000000", Set.of("admin")),
            new Endpoint("POST", "/api/v1/identity-rules", Set.of("admin")),
            new Endpoint("GET", "/api/v1/identity-rules", Set.of("admin")),
            new Endpoint("DELETE", "/api/v1/identity-rules/no-such-rule", Set.of("admin")),
            new Endpoint("POST", "/api/v1/projects", Set.of("admin")),
            new Endpoint("GET", "/api/v1/projects", ANY),
            new Endpoint("GET", "/api/v1/projects/matrix", ANY),
            new Endpoint("PUT", ENVIRONMENT + "/policy", Set.of("admin")),
            new Endpoint("POST", "/api/v1/projects/matrix/migrations", Set.of("ci")),
            new Endpoint("POST", MIGRATION + "/approvals", Set.of("approver")),
            new Endpoint("DELETE", MIGRATION + "/approvals/no-such-approval", Set.of("approver")),
            new Endpoint("POST", MIGRATION + "/corrections", Set.of("ci", "approver")),
            new Endpoint("GET", MIGRATION + "/timeline", ANY),
            new Endpoint("POST", ENVIRONMENT + "/backups", Set.of("approver")),
            new Endpoint("POST", ENVIRONMENT + "/authorizations", Set.of("ci")),
            new Endpoint("POST", ENVIRONMENT + "/executions", Set.of("ci")),
            new Endpoint("POST", ENVIRONMENT + "/rollbacks", Set.of("ci")),
            new Endpoint("GET", ENVIRONMENT + "/state", ANY),
            new Endpoint("GET", "/api/v1/projects/matrix/drift?from=dev&to=prod", ANY),
            new Endpoint("GET", "/api/v1/events", ANY),
            new Endpoint("GET", "/api/v1/whoami", ANY),
            new Endpoint("POST", "/api/v1/projects/matrix/webhooks", Set.of("admin")),
            new Endpoint("GET", "/api/v1/projects/matrix/webhooks", Set.of("admin")),
            new Endpoint("DELETE", "/api/v1/projects/matrix/webhooks/no-such-webhook", Set.of("admin")),
            new Endpoint("GET", "/api/v1/projects/matrix/webhooks/no-such-webhook/deliveries", Set.of("admin")),
            new Endpoint("POST", "/api/v1/projections/no-such-projection/rebuild", Set.of("admin")));

    @LocalServerPort
    int port;

    static Map<String, Api> byRole;

    @BeforeEach
    void setUp() {
        if (byRole == null) {
            Api admin = Api.admin(port, currentHome);
            byRole = Map.of("ci", admin.as("carol", "ci"), "approver", admin.as("bob", "approver"),
                    "auditor", admin.as("audrey", "auditor"), "admin", admin);
            admin.post("/api/v1/projects", Map.of("id", "matrix", "environments",
                    List.of(Map.of("name", "dev"), Map.of("name", "prod"))));
        }
    }

    static Stream<Arguments> everyEndpointAndCaller() {
        List<Arguments> cases = new ArrayList<>();
        for (Endpoint endpoint : ENDPOINTS) {
            for (String caller : List.of("ci", "approver", "auditor", "admin", "none")) {
                cases.add(Arguments.of(endpoint.method(), endpoint.path(), caller, endpoint.allowed()));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} as {2}")
    @MethodSource("everyEndpointAndCaller")
    void everyEndpointLetsInItsRolesOnly(String method, String path, String caller, Set<String> allowed) {
        Api api = caller.equals("none") ? Api.anonymous(port) : byRole.get(caller);
        // an empty object: enough to pass security, never a complete, valid write
        Api.Response response = api.send(method, path, method.equals("GET") || method.equals("DELETE") ? null : "{}", Map.of());
        if (caller.equals("none")) {
            assertThat(response.status()).isEqualTo(401);
        } else if (allowed.contains(caller)) {
            assertThat(response.status()).as(response.body().toString()).isNotIn(401, 403).isLessThan(500);
        } else {
            assertThat(response.status()).isEqualTo(403);
        }
        if (response.status() >= 400) {
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        }
    }

    @Test
    void whoamiNamesTheTokensPrincipalAndRoles() {
        JsonNode bob = byRole.get("approver").get("/api/v1/whoami").body();
        assertThat(bob.path("principal").asText()).isEqualTo("bob");
        assertThat(bob.path("roles").toString()).isEqualTo("[\"approver\"]");
        Api both = byRole.get("admin").as("dana", "approver", "auditor");
        assertThat(both.get("/api/v1/whoami").body().path("roles").toString()).isEqualTo("[\"approver\",\"auditor\"]");
    }

    @Test
    void noBodyFieldCanNameAnotherActor() {
        List<Object[]> writes = List.of(
                new Object[]{"ci", "POST", "/api/v1/projects/matrix/migrations", "{\"migrations\":[{\"version\":\"9\","
                        + "\"checksum\":\"" + "c".repeat(64) + "\",\"changeClass\":\"ADDITIVE\"}],%s}"},
                new Object[]{"approver", "POST", MIGRATION + "/approvals", "{\"checksum\":\"" + "c".repeat(64) + "\",%s}"},
                new Object[]{"approver", "POST", ENVIRONMENT + "/backups", "{\"backupId\":\"b\",\"location\":\"s3://b\","
                        + "\"takenAt\":\"2026-05-01T10:00:00Z\",%s}"},
                new Object[]{"ci", "POST", ENVIRONMENT + "/authorizations", "{\"executionId\":\"r\",\"versions\":[\"1\"],%s}"},
                new Object[]{"ci", "POST", ENVIRONMENT + "/executions", "{\"facts\":[{\"executionId\":\"r/1\",\"version\":\"1\","
                        + "\"checksum\":\"" + "c".repeat(64) + "\",\"status\":\"APPLIED\",\"finishedAt\":\"2026-05-01T10:00:00Z\",%s}]}"},
                new Object[]{"ci", "POST", ENVIRONMENT + "/rollbacks", "{\"executionId\":\"rb\",\"version\":\"1\",\"reason\":\"r\",%s}"},
                new Object[]{"ci", "POST", MIGRATION + "/corrections", "{\"correctedBy\":\"2\",\"reason\":\"r\",%s}"},
                new Object[]{"admin", "PUT", ENVIRONMENT + "/policy", "{\"frozen\":false,%s}"},
                new Object[]{"admin", "POST", "/api/v1/projects", "{\"id\":\"spoofed\",\"environments\":[{\"name\":\"dev\"}],%s}"},
                new Object[]{"admin", "POST", "/api/v1/tokens", "{\"principal\":\"p\",\"roles\":[\"ci\"],%s}"},
                new Object[]{"admin", "POST", "/api/v1/projects/matrix/webhooks", "{\"url\":\"https://hooks.example.com/\","
                        + "\"events\":[\"drift.detected\"],\"secret\":\"0123456789abcdef\",%s}"});
        for (Object[] write : writes) {
            for (String field : List.of("actor", "approver", "principal", "createdBy", "recordedBy", "approvedBy")) {
                String body = String.format((String) write[3], "\"" + field + "\":\"someone-else\"");
                if (body.contains("\"principal\":\"p\",\"roles\":[\"ci\"],\"principal\"")) {
                    continue; // a token's principal is its subject, not an actor: covered by the duplicate-key rule
                }
                Api.Response response = byRole.get((String) write[0]).send((String) write[1], (String) write[2], body, Map.of());
                assertThat(response.status()).as(write[2] + " with " + field).isEqualTo(400);
                assertThat(response.body().path("detail").asText()).contains(field);
            }
        }
    }

    @Test
    void anApproverWhoPlannedTheMigrationUnderAnotherAuthorsNameCannotApproveIt() {
        String checksum = "d".repeat(64);
        assertThat(byRole.get("ci").post("/api/v1/projects/matrix/migrations", Map.of("migrations", List.of(Map.of(
                "version", "5", "checksum", checksum, "changeClass", "ADDITIVE", "author", "alice")))).status()).isEqualTo(200);
        Api carolAsApprover = byRole.get("admin").as("carol", "approver");

        Api.Response self = carolAsApprover.post("/api/v1/projects/matrix/migrations/5/approvals", Map.of("checksum", checksum));
        assertThat(self.status()).isEqualTo(422);
        assertThat(self.reasonCodes()).contains("SELF_APPROVAL");
        Api.Response alice = byRole.get("admin").as("ALICE", "approver")
                .post("/api/v1/projects/matrix/migrations/5/approvals", Map.of("checksum", checksum));
        assertThat(alice.reasonCodes()).as("authors are compared case-insensitively").contains("SELF_APPROVAL");
    }
}
