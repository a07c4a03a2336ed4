package dev.migrationledger.service.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationledger.ledger.domain.Checksum;
import dev.migrationledger.service.LedgerIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Drift scans, schema snapshots, imported baselines and the state at a past instant, through the REST API. */
class DriftScanApiTest extends LedgerIntegrationTest {

    @LocalServerPort
    int port;

    Api admin;
    Api ci;

    static final List<String> SCHEMA_V1 = List.of("column public.invoice.id bigint not null", "table public.invoice");
    static final List<String> SCHEMA_HAND_EDITED = List.of("column public.invoice.id bigint not null",
            "column public.invoice.note text null", "table public.invoice");

    static final List<String> UNSORTED = List.of("table public.invoice", "column public.invoice.id bigint not null");

    static String fingerprint(List<String> lines) {
        return Checksum.ofBytes(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)).hex();
    }

    static String sha(String script) {
        return Checksum.ofScript(script.getBytes(StandardCharsets.UTF_8)).hex();
    }

    @BeforeEach
    void tokens() {
        admin = Api.admin(port, currentHome);
        if (ci == null) {
            ci = admin.as("ci-bot", "ci");
        }
    }

    void register(String project) {
        assertThat(admin.post("/api/v1/projects", Map.of("id", project, "environments",
                List.of(Map.of("name", "dev"), Map.of("name", "prod")))).status()).isEqualTo(201);
    }

    Api.Response apply(String project, String env, String executionId, String version, String script, String schema) {
        Map<String, Object> fact = new HashMap<>(Map.of("executionId", executionId, "version", version,
                "checksum", sha(script), "status", "APPLIED", "finishedAt", "2026-05-01T10:00:02Z", "tool", "flyway"));
        if (schema != null) {
            fact.put("schemaFingerprint", schema);
        }
        Api.Response r = ci.post("/api/v1/projects/" + project + "/environments/" + env + "/executions",
                Map.of("facts", List.of(fact)));
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        return r;
    }

    static Map<String, Object> row(String version, String checksum, boolean success) {
        Map<String, Object> row = new HashMap<>(Map.of("version", version, "success", success,
                "installedOn", "2026-05-01T10:00:02Z", "description", "step " + version, "installedBy", "flyway"));
        if (checksum != null) {
            row.put("checksum", checksum);
        }
        return row;
    }

    Api.Response scan(String project, String scanId, List<?> history, List<String> schema) {
        Map<String, Object> body = new HashMap<>(Map.of("scanId", scanId, "tool", "flyway"));
        if (history != null) {
            body.put("history", history);
        }
        if (schema != null) {
            body.put("schemaFingerprint", fingerprint(schema));
            body.put("schemaDescription", schema);
        }
        return ci.post("/api/v1/projects/" + project + "/environments/dev/drift-scans", body);
    }

    @Test
    void aHandMadeColumnIsNamedByTheScanAndResolvedOnceAMigrationMakesItOfficial() {
        register("scan-db");
        Api.Response snapshot = ci.put("/api/v1/schema-snapshots/" + fingerprint(SCHEMA_V1), Map.of("lines", SCHEMA_V1));
        assertThat(snapshot.status()).as(snapshot.body().toString()).isEqualTo(201);
        assertThat(ci.put("/api/v1/schema-snapshots/" + fingerprint(SCHEMA_V1), Map.of("lines", SCHEMA_V1)).status())
                .isEqualTo(200);
        apply("scan-db", "dev", "run-1/1", "1", "create table invoice", fingerprint(SCHEMA_V1));

        Api.Response first = scan("scan-db", "scan-1", List.of(row("1", sha("create table invoice"), true)),
                SCHEMA_HAND_EDITED);
        assertThat(first.status()).as(first.body().toString()).isEqualTo(200);
        JsonNode finding = first.body().path("findings").get(0);
        assertThat(first.body().path("findings")).hasSize(1);
        assertThat(finding.path("kind").asText()).isEqualTo("SCHEMA_CHANGED_OUTSIDE_MIGRATIONS");
        assertThat(finding.path("objects").toString()).isEqualTo("[\"+ column public.invoice.note text null\"]");
        assertThat(finding.path("since").asText()).isNotBlank();
        assertThat(first.body().path("lastIndex").asLong()).isPositive();

        Api.Response again = scan("scan-db", "scan-2", List.of(row("1", sha("create table invoice"), true)),
                SCHEMA_HAND_EDITED);
        assertThat(again.body().path("findings").get(0).path("findingId")).isEqualTo(finding.path("findingId"));
        assertThat(again.body().path("findings").get(0).path("newlyDetected").asBoolean()).isFalse();
        assertThat(again.body().path("resolved")).isEmpty();

        apply("scan-db", "dev", "run-2/2", "2", "alter table invoice add column note text", fingerprint(SCHEMA_HAND_EDITED));
        Api.Response after = scan("scan-db", "scan-3", List.of(row("1", sha("create table invoice"), true),
                row("2", sha("alter table invoice add column note text"), true)), SCHEMA_HAND_EDITED);
        assertThat(after.body().path("findings")).isEmpty();
        assertThat(after.body().path("resolved").toString()).isEqualTo("[" + finding.path("findingId") + "]");

        JsonNode state = ci.get("/api/v1/projects/scan-db/environments/dev/state?minIndex="
                + after.body().path("lastIndex").asLong()).body();
        assertThat(state.path("drift")).isEmpty();
    }

    @Test
    void historyFindingsAreReportedAndTheStateListsThem() {
        register("history-db");
        apply("history-db", "dev", "run-1/1", "1", "-- 1", null);
        apply("history-db", "dev", "run-1/2", "2", "-- 2", null);
        Api.Response scanned = scan("history-db", "scan-1", List.of(row("1", sha("-- 1 edited"), true),
                row("3", null, true), row("4", null, false)), null);
        assertThat(scanned.status()).as(scanned.body().toString()).isEqualTo(200);
        assertThat(scanned.body().path("findings").findValuesAsText("kind"))
                .containsExactlyInAnyOrder("MISSING_IN_DB", "CHECKSUM_DIFFERS", "UNKNOWN_IN_DB", "FAILED_IN_DB");

        JsonNode state = ci.get("/api/v1/projects/history-db/environments/dev/state?minIndex="
                + scanned.body().path("lastIndex").asLong()).body();
        assertThat(state.path("drift").findValuesAsText("kind")).hasSize(4);

        Api.Response replay = scan("history-db", "scan-1", List.of(), null);
        assertThat(replay.body().path("replayed").asBoolean()).isTrue();
        assertThat(replay.body().path("resolved")).isEmpty();
    }

    @Test
    void aDescriptionThatDoesNotHashToItsFingerprintIsRefused() {
        Api.Response wrong = ci.put("/api/v1/schema-snapshots/" + fingerprint(SCHEMA_V1), Map.of("lines", SCHEMA_HAND_EDITED));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.reasonCodes()).containsExactly("INVALID_INPUT");
        Api.Response unsorted = ci.put("/api/v1/schema-snapshots/" + fingerprint(UNSORTED),
                Map.of("lines", UNSORTED));
        assertThat(unsorted.status()).isEqualTo(400);
        assertThat(admin.withToken(null).put("/api/v1/schema-snapshots/" + fingerprint(SCHEMA_V1),
                Map.of("lines", SCHEMA_V1)).status()).isEqualTo(401);
    }

    @Test
    void aBaselineIsImportedOnceAndCountsAsApplied() {
        register("import-db");
        Map<String, Object> body = Map.of("tool", "flyway", "entries", List.of(
                Map.of("version", "1", "description", "init", "checksum", sha("-- 1"), "installedAt", "2025-01-01T00:00:00Z",
                        "installedBy", "dba", "success", true, "sourceId", "flyway_schema_history#1"),
                Map.of("version", "2", "description", "more", "installedAt", "2025-01-02T00:00:00Z",
                        "installedBy", "dba", "success", true, "sourceId", "flyway_schema_history#2")));
        Api.Response first = ci.post("/api/v1/projects/import-db/environments/prod/baselines", body);
        assertThat(first.status()).as(first.body().toString()).isEqualTo(200);
        assertThat(first.body().path("recorded").asInt()).isEqualTo(2);
        assertThat(ci.post("/api/v1/projects/import-db/environments/prod/baselines", body).body().path("recorded").asInt())
                .isZero();
        JsonNode state = ci.get("/api/v1/projects/import-db/environments/prod/state?minIndex="
                + first.body().path("lastIndex").asLong()).body();
        assertThat(state.path("currentVersion").asText()).isEqualTo("2");
        assertThat(ci.post("/api/v1/projects/import-db/environments/prod/baselines",
                Map.of("tool", "sqitch", "entries", List.of())).status()).isEqualTo(400);
    }

    @Test
    void theStateAtAnInstantIsWhatTheLedgerHadRecordedThen() {
        register("history-of-db");
        apply("history-of-db", "dev", "run-1/1", "1", "-- 1", null);
        Instant between = Instant.now();
        Api.Response later = apply("history-of-db", "dev", "run-2/2", "2", "-- 2", null);

        JsonNode then = ci.get("/api/v1/projects/history-of-db/environments/dev/state?at=" + between).body();
        assertThat(then.path("applied").findValuesAsText("version")).containsExactly("1");
        assertThat(then.path("currentVersion").asText()).isEqualTo("1");

        JsonNode now = ci.get("/api/v1/projects/history-of-db/environments/dev/state?at=" + Instant.now()).body();
        JsonNode projected = ci.get("/api/v1/projects/history-of-db/environments/dev/state?minIndex="
                + later.body().path("lastIndex").asLong()).body();
        assertThat(now.path("applied")).isEqualTo(projected.path("applied"));
        assertThat(now.path("pending")).isEqualTo(projected.path("pending"));
        assertThat(now.path("currentVersion")).isEqualTo(projected.path("currentVersion"));

        assertThat(ci.get("/api/v1/projects/history-of-db/environments/dev/state?at=2020-01-01T00:00:00Z").status())
                .isEqualTo(404);
        assertThat(ci.get("/api/v1/projects/history-of-db/environments/dev/state?at=yesterday").status()).isEqualTo(400);
    }
}
