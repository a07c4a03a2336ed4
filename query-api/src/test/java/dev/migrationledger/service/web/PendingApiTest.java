package dev.migrationledger.service.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationledger.service.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** GET …/pending: what blocks each version per environment, as the gate judges it. */
class PendingApiTest extends LedgerIntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void prodShowsApprovalsNOfMAndEveryReasonUntilItIsReady() {
        Api admin = Api.admin(port, currentHome);
        Api ci = admin.as("ci-bot", "ci");
        Api bob = admin.as("bob", "approver");
        String project = "pending-" + System.nanoTime();
        admin.post("/api/v1/projects", Map.of("id", project, "environments", List.of(Map.of("name", "staging"),
                Map.of("name", "prod", "policy", Map.of("requiredApprovals", 2, "promoteFrom", "staging")))));
        String checksum = DriftScanApiTest.sha("CREATE TABLE t (id int);\n");
        ci.post("/api/v1/projects/" + project + "/migrations", Map.of("migrations", List.of(Map.of("version", "1",
                "description", "t", "checksum", checksum, "changeClass", "ADDITIVE", "author", "alice"))));
        bob.post("/api/v1/projects/" + project + "/migrations/1/approvals", Map.of("checksum", checksum));

        Api.Response response = bob.get("/api/v1/projects/" + project + "/pending?environment=prod");
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        JsonNode entry = response.body().path("pending").get(0);
        assertThat(entry.path("version").asText()).isEqualTo("1");
        assertThat(entry.path("description").asText()).isEqualTo("t");
        assertThat(entry.path("author").asText()).isEqualTo("alice");
        assertThat(entry.path("approvals").asInt()).isEqualTo(1);
        assertThat(entry.path("requiredApprovals").asInt()).isEqualTo(2);
        assertThat(entry.path("approvers").get(0).asText()).isEqualTo("bob");
        assertThat(entry.path("ready").asBoolean()).isFalse();
        assertThat(entry.path("blockedBy").findValuesAsText("code")).containsExactly("NO_APPROVAL", "NOT_PROMOTED");

        JsonNode all = bob.get("/api/v1/projects/" + project + "/pending").body().path("pending");
        assertThat(all.findValuesAsText("environment")).containsExactly("staging", "prod");
        assertThat(all.get(0).path("ready").asBoolean()).isTrue();

        assertThat(bob.get("/api/v1/projects/" + project + "/pending?environment=qa").reasonCodes())
                .containsExactly("UNKNOWN_ENVIRONMENT");
        assertThat(bob.get("/api/v1/projects/no-such-project/pending").status()).isEqualTo(404);
    }
}
