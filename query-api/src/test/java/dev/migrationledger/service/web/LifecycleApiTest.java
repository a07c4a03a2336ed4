package dev.migrationledger.service.web;

import dev.migrationledger.ledger.domain.Checksum;
import dev.migrationledger.service.LedgerIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A whole dev → staging → prod lifecycle through the REST API, as CI and people would drive it. */
class LifecycleApiTest extends LedgerIntegrationTest {

    @LocalServerPort
    int port;

    Api admin;
    Api ci;
    Api bob;
    Api carol;
    Api alice;

    static final String V1 = sha("CREATE TABLE invoice (id bigint primary key);");
    static final String V2 = sha("ALTER TABLE invoice DROP COLUMN legacy;");
    static final String V3 = sha("ALTER TABLE invoice DROP COLUMN IF EXISTS legacy;");

    static String sha(String script) {
        return Checksum.ofScript(script.getBytes(StandardCharsets.UTF_8)).hex();
    }

    @BeforeEach
    void tokens() {
        admin = Api.admin(port, currentHome);
        if (ci == null) {
            ci = admin.as("ci-bot", "ci");
            bob = admin.as("bob", "approver");
            carol = admin.as("carol", "approver");
            alice = admin.as("alice", "approver");
        }
    }

    static Map<String, Object> migration(String version, String checksum, String changeClass) {
        return Map.of("version", version, "description", "step " + version, "checksum", checksum,
                "changeClass", changeClass, "author", "alice", "ticket", "OPS-12");
    }

    static Map<String, Object> fact(String executionId, String version, String checksum, String status) {
        return Map.of("executionId", executionId, "version", version, "checksum", checksum, "status", status,
                "startedAt", "2026-05-01T10:00:00Z", "finishedAt", "2026-05-01T10:00:02Z",
                "gitSha", "4f2a9c1", "pipelineUrl", "https://ci.example/runs/981", "tool", "ledger",
                "error", "APPLIED".equals(status) ? "" : "relation \"legacy\" does not exist");
    }

    Api.Response facts(String env, Map<String, Object>... facts) {
        return ci.post("/api/v1/projects/billing-db/environments/" + env + "/executions", Map.of("facts", List.of(facts)));
    }

    Api.Response authorize(String env, String executionId, String... versions) {
        return ci.post("/api/v1/projects/billing-db/environments/" + env + "/authorizations",
                Map.of("executionId", executionId, "versions", List.of(versions)));
    }

    @Test
    void devToStagingToProdWithApprovalsBackupPromotionFailureAndCorrection() {
        Api.Response registered = admin.post("/api/v1/projects", Map.of("id", "billing-db", "environments", List.of(
                Map.of("name", "dev"),
                Map.of("name", "staging", "policy", Map.of("requiredApprovals", 1, "promoteFrom", "dev")),
                Map.of("name", "prod", "policy", Map.of("requiredApprovals", 2, "backupRequiredFor", List.of("DESTRUCTIVE"),
                        "promoteFrom", "staging")))));
        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.body().path("lastIndex").asLong()).isGreaterThanOrEqualTo(0);

        Api.Response planned = ci.post("/api/v1/projects/billing-db/migrations", Map.of("migrations", List.of(
                migration("1", V1, "ADDITIVE"), migration("2", V2, "DESTRUCTIVE"))));
        assertThat(planned.status()).isEqualTo(200);
        assertThat(planned.body().path("migrations").findValuesAsText("outcome")).containsExactly("PLANNED", "PLANNED");

        // dev: no approvals needed; 2 fails
        Api.Response devAuth = authorize("dev", "run-1", "1", "2");
        assertThat(devAuth.body().path("authorized").toString()).isEqualTo("[\"1\",\"2\"]");
        Api.Response devFacts = facts("dev", fact("run-1/1", "1", V1, "APPLIED"), fact("run-1/2", "2", V2, "FAILED"));
        assertThat(devFacts.status()).isEqualTo(200);
        assertThat(devFacts.body().path("facts").get(0).path("violations")).isEmpty();
        assertThat(devFacts.body().path("facts").get(0).path("receiptId").asText()).startsWith("rcpt-");

        // the failure blocks dev until corrected by a newer migration
        ci.post("/api/v1/projects/billing-db/migrations", Map.of("migrations", List.of(migration("3", V3, "DESTRUCTIVE"))));
        assertThat(authorize("dev", "run-2", "3").body().path("denied").get(0).path("reasons").findValuesAsText("code"))
                .contains("BLOCKED_BY_FAILURE");
        Api.Response corrected = bob.post("/api/v1/projects/billing-db/migrations/2/corrections",
                Map.of("correctedBy", "3", "reason", "V2 assumed a column that only exists in prod"));
        assertThat(corrected.status()).isEqualTo(201);
        assertThat(authorize("dev", "run-3", "3").body().path("authorized").toString()).isEqualTo("[\"3\"]");
        facts("dev", fact("run-3/3", "3", V3, "APPLIED"));

        // staging: one approval per migration, promoted from dev
        assertThat(authorize("staging", "run-4", "1", "3").body().path("denied").get(0).path("reasons")
                .findValuesAsText("code")).containsExactly("NO_APPROVAL");
        approve(bob, "1", V1, "staging");
        approve(bob, "3", V3, "staging");
        assertThat(authorize("staging", "run-5", "1", "3").body().path("authorized").toString()).isEqualTo("[\"1\",\"3\"]");
        facts("staging", fact("run-5/1", "1", V1, "APPLIED"), fact("run-5/3", "3", V3, "APPLIED"));

        // prod: two distinct approvers and a backup before the destructive change
        approve(bob, "1", V1, null);
        approve(carol, "1", V1, null);
        approve(bob, "3", V3, null);
        approve(carol, "3", V3, null);
        Api.Response prodAuth = authorize("prod", "run-6", "1", "3");
        assertThat(prodAuth.body().path("authorized").toString()).isEqualTo("[\"1\"]");
        assertThat(prodAuth.body().path("denied").get(0).path("version").asText()).isEqualTo("3");
        assertThat(prodAuth.body().path("denied").get(0).path("reasons").findValuesAsText("code")).containsExactly("NO_BACKUP");
        facts("prod", fact("run-6/1", "1", V1, "APPLIED"));
        Api.Response backup = bob.post("/api/v1/projects/billing-db/environments/prod/backups", Map.of(
                "backupId", "b-77", "location", "s3://backups/billing/b-77", "takenAt", "2026-05-01T11:00:00Z",
                "retentionDays", 30, "restoreTested", true));
        assertThat(backup.status()).isEqualTo(201);
        assertThat(authorize("prod", "run-7", "3").body().path("authorized").toString()).isEqualTo("[\"3\"]");
        Api.Response prodFact = facts("prod", fact("run-7/3", "3", V3, "APPLIED"));
        assertThat(prodFact.body().path("facts").get(0).path("violations")).isEmpty();

        // an applied fact nobody planned or authorized is still recorded, with what it broke
        Api.Response rogue = facts("prod", fact("hotfix-1", "4", sha("UPDATE invoice SET x = 1;"), "APPLIED"));
        assertThat(rogue.status()).isEqualTo(200);
        assertThat(rogue.body().path("facts").get(0).path("violations").findValuesAsText("code"))
                .contains("UNPLANNED", "UNAUTHORIZED");
    }

    void approve(Api approver, String version, String checksum, String environment) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("checksum", checksum, "comment", "looks right"));
        if (environment != null) {
            body.put("environment", environment);
        }
        Api.Response approved = approver.post("/api/v1/projects/billing-db/migrations/" + version + "/approvals", body);
        assertThat(approved.status()).as(approved.body().toString()).isEqualTo(201);
    }
}
