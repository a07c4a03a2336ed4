package dev.migrationledger.service.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationledger.service.LedgerIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Scripts in the ledger (§10): uploaded after the plan, read with findings and the diff of a replan. */
class ScriptApiTest extends LedgerIntegrationTest {

    static final String V1_TEXT = "CREATE TABLE invoice (id bigint);\nCREATE INDEX invoice_id ON invoice (id);\n";
    static final String V1_EDITED = "CREATE TABLE invoice (id bigint);\nCREATE INDEX CONCURRENTLY invoice_id ON invoice (id);\n";
    static final Map<String, Object> FINDING = Map.of("ruleId", "PG-INDEX-CONCURRENTLY", "severity", "WARNING",
            "line", 2, "message", "CREATE INDEX without CONCURRENTLY", "advice", "use CREATE INDEX CONCURRENTLY");

    @LocalServerPort
    int port;

    Api ci;
    Api bob;

    @BeforeEach
    void project() {
        Api admin = Api.admin(port, currentHome);
        ci = admin.as("ci-bot", "ci");
        bob = admin.as("bob", "approver");
        String project = "scripts-" + System.nanoTime();
        admin.post("/api/v1/projects", Map.of("id", project, "environments", List.of(Map.of("name", "prod"))));
        this.project = project;
    }

    String project;

    Api.Response plan(String text) {
        return ci.post("/api/v1/projects/" + project + "/migrations", Map.of("migrations", List.of(Map.of(
                "version", "1", "description", "invoices", "checksum", DriftScanApiTest.sha(text),
                "changeClass", "ADDITIVE", "author", "alice"))));
    }

    Api.Response upload(Api who, String text, List<Map<String, Object>> findings) {
        return who.put("/api/v1/projects/" + project + "/migrations/1/script", Map.of("text", text, "findings", findings));
    }

    @Test
    void theApproverReadsThePlannedTextAndItsFindings() {
        plan(V1_TEXT);
        Api.Response stored = upload(ci, V1_TEXT, List.of(FINDING));
        assertThat(stored.status()).as(stored.body().toString()).isEqualTo(201);
        assertThat(stored.body().path("checksum").asText()).isEqualTo(DriftScanApiTest.sha(V1_TEXT));
        assertThat(upload(ci, V1_TEXT, List.of(FINDING)).body().path("stored").asBoolean()).isFalse();

        Api.Response script = bob.get("/api/v1/projects/" + project + "/migrations/1/script?minIndex="
                + stored.body().path("lastIndex").asLong());
        assertThat(script.status()).isEqualTo(200);
        JsonNode body = script.body();
        assertThat(body.path("text").asText()).isEqualTo(V1_TEXT);
        assertThat(body.path("stored").asBoolean()).isTrue();
        assertThat(body.path("storedBy").asText()).isEqualTo("ci-bot");
        assertThat(body.path("findings").get(0).path("ruleId").asText()).isEqualTo("PG-INDEX-CONCURRENTLY");
        assertThat(body.path("findings").get(0).path("line").asInt()).isEqualTo(2);
        assertThat(body.hasNonNull("diff")).isFalse();
    }

    @Test
    void aReplanShowsTheDiffAgainstThePreviousText() {
        plan(V1_TEXT);
        upload(ci, V1_TEXT, List.of(FINDING));
        plan(V1_EDITED);
        long index = upload(ci, V1_EDITED, List.of()).body().path("lastIndex").asLong();

        JsonNode body = bob.get("/api/v1/projects/" + project + "/migrations/1/script?minIndex=" + index).body();
        assertThat(body.path("checksum").asText()).isEqualTo(DriftScanApiTest.sha(V1_EDITED));
        assertThat(body.path("previousChecksum").asText()).isEqualTo(DriftScanApiTest.sha(V1_TEXT));
        assertThat(body.path("findings").size()).isZero();
        assertThat(body.path("diff").asText()).contains(
                "-CREATE INDEX invoice_id ON invoice (id);\n+CREATE INDEX CONCURRENTLY invoice_id ON invoice (id);\n");
    }

    @Test
    void aTextThatIsNotThePlannedScriptIsRefusedWithItsChecksum() {
        plan(V1_TEXT);
        Api.Response refused = upload(ci, "DROP TABLE invoice;\n", List.of());
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.reasonCodes()).containsExactly("CHECKSUM_MISMATCH");
        assertThat(refused.body().path("reasons").get(0).path("message").asText())
                .contains(DriftScanApiTest.sha("DROP TABLE invoice;\n"));
    }

    @Test
    void onlyCiUploadsScriptsAndAPlannedVersionWithoutTextSaysSo() {
        plan(V1_TEXT);
        assertThat(upload(bob, V1_TEXT, List.of()).status()).isEqualTo(403);
        Api.Response script = bob.get("/api/v1/projects/" + project + "/migrations/1/script");
        assertThat(script.body().path("stored").asBoolean()).isFalse();
        assertThat(script.body().hasNonNull("text")).isFalse();
        // the project is known to the read models a moment after its registration, not at once
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(bob.get("/api/v1/projects/" + project + "/migrations/9/script").reasonCodes())
                        .containsExactly("UNKNOWN_MIGRATION"));
    }

    @Test
    void aScriptOfOneMebibyteIsAcceptedAndALargerOneRefused() {
        String big = "-- padding line for a large script\n".repeat(1024 * 1024 / 36);
        plan(big);
        assertThat(upload(ci, big, List.of()).status()).isEqualTo(201);
        String tooBig = big + "-".repeat(1024 * 1024 - big.length() + 1);
        plan(tooBig);
        Api.Response refused = upload(ci, tooBig, List.of());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.reasonCodes()).containsExactly("INVALID_INPUT");
    }
}
