package dev.migrationledger.service.authorization;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationledger.ledger.api.AuthorizationGrant;
import dev.migrationledger.ledger.domain.Checksum;
import dev.migrationledger.ledger.integrity.DsseEnvelope;
import dev.migrationledger.ledger.integrity.LogPublicKey;
import dev.migrationledger.ledger.integrity.ReceiptVerifier;
import dev.migrationledger.ledger.integrity.SignedAuthorization;
import dev.migrationledger.ledger.integrity.Verdict;
import dev.migrationledger.service.LedgerIntegrationTest;
import dev.migrationledger.service.web.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** POST …/authorizations binds checksums and answers with a signed authorization (SPEC §7.1, §10). */
class SignedAuthorizationApiTest extends LedgerIntegrationTest {

    static final byte[] SCRIPT = "CREATE TABLE invoice (id bigint primary key);\n".getBytes(StandardCharsets.UTF_8);
    static final String V1 = Checksum.ofScript(SCRIPT).hex();
    static final String EDITED = Checksum.ofScript("CREATE TABLE invoice (id bigint primary key);\nCREATE TABLE sneaky (x int);\n"
            .getBytes(StandardCharsets.UTF_8)).hex();
    static final String TARGET = Checksum.ofBytes("postgresql/1/billing/public".getBytes(StandardCharsets.UTF_8)).hex();
    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    @LocalServerPort
    int port;

    Api admin;
    Api ci;
    String project;
    long plannedAt;

    @BeforeEach
    void project() {
        admin = Api.admin(port, currentHome);
        ci = admin.as("ci-bot", "ci");
        project = "signed-" + System.nanoTime();
        ok(admin.post("/api/v1/projects", Map.of("id", project, "environments",
                List.of(Map.of("name", "dev", "policy", Map.of("backupRequiredFor", List.of()))))));
        plannedAt = ok(ci.post("/api/v1/projects/" + project + "/migrations", Map.of("migrations", List.of(Map.of("version", "1",
                "description", "create invoice", "checksum", V1, "changeClass", "ADDITIVE", "author", "alice")))))
                .body().path("lastIndex").asLong();
    }

    private Api.Response authorize(String executionId, String checksum, boolean dryRun) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("executionId", executionId, "versions", List.of("1"),
                "checksums", Map.of("1", checksum), "targetDigest", TARGET));
        if (dryRun) {
            body.put("dryRun", true);
        }
        return ok(ci.post("/api/v1/projects/" + project + "/environments/dev/authorizations", body));
    }

    private LogPublicKey currentKey() {
        return ci.currentLogKey();
    }

    private static DsseEnvelope envelope(Api.Response response) throws Exception {
        return JSON.treeToValue(response.body().path("envelope"), DsseEnvelope.class);
    }

    @Test
    void thePlannedChecksumIsAuthorizedWithAnEnvelopeBindingWhatMayRunWhereAndUntilWhen() throws Exception {
        Api.Response answer = authorize("run-1", V1, false);

        assertThat(answer.body().path("authorized").toString()).isEqualTo("[\"1\"]");
        DsseEnvelope envelope = envelope(answer);
        assertThat(envelope.payloadType()).isEqualTo("application/vnd.migration-ledger.authorization.v1+json");
        AuthorizationGrant grant = SignedAuthorization.verified(envelope, List.of(currentKey()));
        assertThat(grant.project()).isEqualTo(project);
        assertThat(grant.environment()).isEqualTo("dev");
        assertThat(grant.executionId()).isEqualTo("run-1");
        assertThat(grant.migrations()).extracting(m -> m.version() + "=" + m.checksum()).containsExactly("1=" + V1);
        assertThat(grant.targetDigest()).isEqualTo(TARGET);
        assertThat(grant.authorizedBy()).isEqualTo("ci-bot");
        assertThat(Duration.between(Instant.now(), grant.expiresAt()).toMinutes()).isCloseTo(60, within(2L));
    }

    @Test
    void aFileEditedSinceItWasPlannedIsDeniedWithoutAnEnvelope() {
        Api.Response answer = authorize("run-1", EDITED, false);

        assertThat(answer.body().path("authorized")).isEmpty();
        assertThat(answer.body().path("denied").get(0).path("reasons").findValuesAsText("code"))
                .containsExactly("CHECKSUM_NOT_PLANNED");
        assertThat(answer.body().path("denied").get(0).path("reasons").get(0).path("message").asText())
                .contains(EDITED, V1, "ledger plan");
        assertThat(answer.body().has("envelope")).isFalse();
    }

    @Test
    void aRepeatedRequestGetsTheSameEnvelope() throws Exception {
        DsseEnvelope first = envelope(authorize("run-1", V1, false));
        DsseEnvelope again = envelope(authorize("run-1", V1, false));

        assertThat(again).isEqualTo(first);
    }

    @Test
    void aDryRunRecordsNothingAndSignsNothing() {
        Api.Response dry = authorize("run-dry", EDITED, true);

        assertThat(dry.body().path("denied").get(0).path("reasons").findValuesAsText("code"))
                .containsExactly("CHECKSUM_NOT_PLANNED");
        assertThat(dry.body().has("envelope")).isFalse();
        assertThat(dry.body().path("lastIndex").asLong()).isEqualTo(plannedAt);
        // the execution id was not used up by the dry run
        assertThat(authorize("run-dry", V1, false).body().path("authorized").toString()).isEqualTo("[\"1\"]");
    }

    @Test
    void theReceiptOfTheApplyIncludesTheEnvelopeAndProvesTheApplyRanUnderIt() throws Exception {
        DsseEnvelope envelope = envelope(authorize("run-1", V1, false));
        Map<String, Object> fact = new LinkedHashMap<>(Map.of("executionId", "run-1/1", "version", "1", "checksum", V1,
                "status", "APPLIED", "startedAt", Instant.now().minusSeconds(2).toString(),
                "finishedAt", Instant.now().toString(), "tool", "ledger"));
        fact.put("authorizationDigest", SignedAuthorization.digest(envelope));
        String receiptId = ok(ci.post("/api/v1/projects/" + project + "/environments/dev/executions",
                Map.of("facts", List.of(fact)))).body().path("facts").get(0).path("receiptId").asText();

        Api.Response receipt = ok(ci.get("/api/v1/receipts/" + receiptId + "?minIndex=0"));
        byte[] file = receipt.raw().body().getBytes(StandardCharsets.UTF_8);
        Verdict verdict = new ReceiptVerifier(currentKey()).verify(file, SCRIPT);

        assertThat(verdict.proven()).as(verdict.render()).isTrue();
        assertThat(verdict.render()).contains("PASS signed authorization is the one at leaf",
                "PASS the apply names the included signed authorization");
        JsonNode statement = JSON.readTree(java.util.Base64.getDecoder().decode(receipt.body().at("/envelope/payload").asText()));
        assertThat(JSON.treeToValue(statement.at("/predicate/authorization/envelope"), DsseEnvelope.class)).isEqualTo(envelope);
    }

    private static Api.Response ok(Api.Response response) {
        assertThat(response.status()).as(response.body().toString()).isBetween(200, 201);
        return response;
    }
}
