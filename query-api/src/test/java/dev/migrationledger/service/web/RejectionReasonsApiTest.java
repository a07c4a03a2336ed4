package dev.migrationledger.service.web;

import dev.migrationledger.service.LedgerIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each reason a request can be rejected for reaches the caller as a problem response naming it. */
class RejectionReasonsApiTest extends LedgerIntegrationTest {

    static final String A = "a".repeat(64);
    static final String B = "b".repeat(64);

    @LocalServerPort
    int port;

    static Api admin;
    static Api ci;
    static Api bob;
    static Api alice;

    @BeforeEach
    void setUp() {
        if (admin != null) {
            return;
        }
        admin = Api.admin(port, currentHome);
        ci = admin.as("ci-bot", "ci");
        bob = admin.as("bob", "approver");
        alice = admin.as("alice", "approver");
        admin.post("/api/v1/projects", Map.of("id", "reasons", "environments", List.of(
                Map.of("name", "dev", "policy", Map.of("backupRequiredFor", List.of())),
                Map.of("name", "prod", "policy", Map.of("frozen", true)))));
        ci.post("/api/v1/projects/reasons/migrations", Map.of("migrations", List.of(
                Map.of("version", "1", "checksum", A, "changeClass", "ADDITIVE", "author", "alice"),
                Map.of("version", "2", "checksum", A, "changeClass", "ADDITIVE", "author", "alice"))));
    }

    private static Map<String, Object> approval(String checksum) {
        return Map.of("checksum", checksum);
    }

    @Test
    void selfApprovalIs422WithItsReason() {
        Api.Response r = alice.post("/api/v1/projects/reasons/migrations/1/approvals", approval(A));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.reasonCodes()).containsExactly("SELF_APPROVAL");
    }

    @Test
    void aSecondApprovalBySamePrincipalIsDuplicateApprover() {
        assertThat(bob.post("/api/v1/projects/reasons/migrations/2/approvals", approval(A)).status()).isEqualTo(201);
        Api.Response r = bob.post("/api/v1/projects/reasons/migrations/2/approvals", approval(A));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.reasonCodes()).containsExactly("DUPLICATE_APPROVER");
    }

    @Test
    void approvingAnotherChecksumIsChecksumMismatch() {
        Api.Response r = bob.post("/api/v1/projects/reasons/migrations/1/approvals", approval(B));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.reasonCodes()).containsExactly("CHECKSUM_MISMATCH");
        assertThat(r.body().path("reasons").get(0).path("field").asText()).isEqualTo("checksum");
    }

    @Test
    void replanningAnAppliedMigrationIsChecksumPinned() {
        ci.post("/api/v1/projects/reasons/migrations", Map.of("migrations", List.of(
                Map.of("version", "3", "checksum", A, "changeClass", "ADDITIVE"))));
        ci.post("/api/v1/projects/reasons/environments/dev/executions", Map.of("facts", List.of(Map.of(
                "executionId", "pin/3", "version", "3", "checksum", A, "status", "APPLIED",
                "finishedAt", "2026-05-01T10:00:00Z"))));
        Api.Response r = ci.post("/api/v1/projects/reasons/migrations", Map.of("migrations", List.of(
                Map.of("version", "3", "checksum", B, "changeClass", "ADDITIVE"))));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.reasonCodes()).containsExactly("CHECKSUM_PINNED");
    }

    @Test
    void approvingAnUnplannedVersionIsUnknownMigration() {
        Api.Response r = bob.post("/api/v1/projects/reasons/migrations/99/approvals", approval(A));
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.reasonCodes()).containsExactly("UNKNOWN_MIGRATION");
    }

    @Test
    void correctingAMigrationThatNeverFailedIsInvalidInput() {
        Api.Response r = bob.post("/api/v1/projects/reasons/migrations/1/corrections",
                Map.of("correctedBy", "2", "reason", "no reason"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.reasonCodes()).containsExactly("INVALID_INPUT");
        assertThat(r.body().path("detail").asText()).contains("has not failed");
    }

    @Test
    void aFrozenEnvironmentDeniesWithEveryReason() {
        Api.Response r = ci.post("/api/v1/projects/reasons/environments/prod/authorizations",
                Map.of("executionId", "frozen-1", "versions", List.of("1")));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().path("authorized")).isEmpty();
        assertThat(r.body().path("denied").get(0).path("reasons").findValuesAsText("code")).contains("FROZEN");
    }

    @Test
    void anAuthorizationReplayedWithOtherVersionsIsAConflict() {
        ci.post("/api/v1/projects/reasons/environments/dev/authorizations",
                Map.of("executionId", "auth-once", "versions", List.of("1")));
        Api.Response r = ci.post("/api/v1/projects/reasons/environments/dev/authorizations",
                Map.of("executionId", "auth-once", "versions", List.of("1", "2")));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.reasonCodes()).containsExactly("IDEMPOTENCY_CONFLICT");
    }
}
