package dev.migrationledger.service.receipts;

import dev.migrationledger.ledger.domain.Checksum;
import dev.migrationledger.ledger.integrity.LogPublicKey;
import dev.migrationledger.ledger.integrity.ReceiptVerifier;
import dev.migrationledger.ledger.integrity.Verdict;
import dev.migrationledger.service.web.Api;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A small, clean lifecycle through the REST API: V1 applied in dev, then approved, backed up, authorized
 * and applied in prod; with helpers to fetch receipts and keys and to verify receipts as an auditor would.
 */
final class ReceiptLifecycle {

    static final byte[] SCRIPT = "CREATE TABLE invoice (id bigint primary key);\n".getBytes(StandardCharsets.UTF_8);
    static final String V1 = Checksum.ofScript(SCRIPT).hex();
    static final String SCRIPT_NAME = "V1__create_invoice.sql";

    final Api admin;
    final Api ci;
    final Api bob;
    final String project;

    ReceiptLifecycle(Api admin, String project) {
        this.admin = admin;
        this.project = project;
        this.ci = admin.as("ci-bot", "ci");
        this.bob = admin.as("bob", "approver");
    }

    /** Runs the lifecycle; returns the receipt ids of the dev and the prod apply. */
    List<String> run() {
        return run(() -> { });
    }

    /** The lifecycle with {@code settle} run after each step, e.g. to let the log take each in a batch of its own. */
    List<String> run(Runnable settle) {
        ok(admin.post("/api/v1/projects", Map.of("id", project, "environments", List.of(Map.of("name", "dev"),
                Map.of("name", "prod", "policy", Map.of("requiredApprovals", 1, "backupRequiredFor", List.of("ADDITIVE"),
                        "promoteFrom", "dev"))))));
        ok(ci.post(base() + "/migrations", Map.of("migrations", List.of(Map.of("version", "1", "description",
                "create invoice", "checksum", V1, "changeClass", "ADDITIVE", "author", "alice")))));
        ok(ci.post(base() + "/environments/dev/authorizations", Map.of("executionId", "run-1", "versions", List.of("1"))));
        settle.run();
        String dev = ok(ci.post(base() + "/environments/dev/executions", Map.of("facts", List.of(fact("run-1/1")))))
                .body().path("facts").get(0).path("receiptId").asText();
        settle.run();
        ok(bob.post(base() + "/migrations/1/approvals", Map.of("checksum", V1, "environment", "prod")));
        settle.run();
        ok(bob.post(base() + "/environments/prod/backups", Map.of("backupId", "b-1", "location", "s3://b/1",
                "takenAt", "2026-05-01T11:00:00Z", "restoreTested", true)));
        settle.run();
        Api.Response authorized = ok(ci.post(base() + "/environments/prod/authorizations",
                Map.of("executionId", "run-2", "versions", List.of("1"))));
        assertThat(authorized.body().path("authorized").toString()).isEqualTo("[\"1\"]");
        settle.run();
        String prod = ok(ci.post(base() + "/environments/prod/executions", Map.of("facts", List.of(fact("run-2/1")))))
                .body().path("facts").get(0).path("receiptId").asText();
        settle.run();
        return List.of(dev, prod);
    }

    String base() {
        return "/api/v1/projects/" + project;
    }

    static Map<String, Object> fact(String executionId) {
        return Map.of("executionId", executionId, "version", "1", "checksum", V1, "status", "APPLIED",
                "startedAt", "2026-05-01T10:00:00Z", "finishedAt", "2026-05-01T10:00:02Z",
                "gitSha", "4f2a9c1", "pipelineUrl", "https://ci.example/runs/981", "tool", "ledger");
    }

    /** The receipt file, waiting for it to be issued. */
    byte[] receipt(String id) {
        Api.Response response = ci.get("/api/v1/receipts/" + id + "?minIndex=0");
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/vnd.migration-ledger.receipt.v1+json");
        return response.raw().body().getBytes(StandardCharsets.UTF_8);
    }

    Api.Response onDemand(String environment) {
        return ci.get(base() + "/environments/" + environment + "/migrations/1/receipt");
    }

    /** The public key with this id, as GET /keys lists it. */
    LogPublicKey key(String keyId) {
        var keys = ci.get("/api/v1/keys").body().path("keys");
        for (var key : keys) {
            if (key.path("keyId").asText().equals(keyId)) {
                return LogPublicKey.fromPem(key.path("keyName").asText(), key.path("publicKey").asText());
            }
        }
        throw new AssertionError("no key " + keyId + " in " + keys);
    }

    LogPublicKey currentKey() {
        return key(ci.get("/api/v1/keys").body().path("current").asText());
    }

    Verdict verify(byte[] receipt, LogPublicKey... keys) {
        return new ReceiptVerifier(List.of(keys)).verify(receipt, SCRIPT);
    }

    static Api.Response ok(Api.Response response) {
        assertThat(response.status()).as(response.body().toString()).isBetween(200, 201);
        return response;
    }
}
