package dev.migrationledger.service.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationledger.ledger.testing.OidcTestIssuer;
import dev.migrationledger.service.LedgerIntegrationTest;
import dev.migrationledger.service.web.Api;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * OIDC ID tokens beside bearer tokens (SPEC §10), against a local issuer serving a real JWKS: a token an
 * identity rule admits acts as the rule's principal, inside its scope, with its job's claims on every
 * event; every forged or misdirected token is a 401 problem; keys are cached, rotation is picked up.
 */
class OidcAuthenticationApiTest extends LedgerIntegrationTest {

    static final OidcTestIssuer ISSUER = new OidcTestIssuer();
    static final String AUDIENCE = "ledger-under-test";
    static final String PROJECT = "/api/v1/projects/billing-db";

    @DynamicPropertySource
    static void oidc(DynamicPropertyRegistry registry) {
        registry.add("ledger.oidc.issuers[0].issuer", ISSUER::issuer);
        registry.add("ledger.oidc.issuers[0].jwks-uri", ISSUER::jwksUri);
        registry.add("ledger.oidc.issuers[0].audience", () -> AUDIENCE);
        // short, so that the rotation below is picked up within seconds; the limit still holds within it
        registry.add("ledger.oidc.jwks-min-refresh-interval", () -> "PT5S");
        registry.add("ledger.oidc.issuers[1].issuer", () -> UNREACHABLE);
        registry.add("ledger.oidc.issuers[1].jwks-uri", () -> "http://127.0.0.1:" + closedPort() + "/jwks");
        registry.add("ledger.oidc.issuers[1].audience", () -> AUDIENCE);
    }

    /** An issuer whose keys cannot be fetched: nothing listens where its JWKS should be. */
    static final String UNREACHABLE = "https://issuer-without-keys.example";

    static int closedPort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stopIssuer() {
        ISSUER.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Api admin;
    static String stagingRule;

    @BeforeEach
    void setUp() {
        admin = Api.admin(port, currentHome);
        if (stagingRule == null) {
            assertThat(admin.post("/api/v1/projects", Map.of("id", "billing-db", "environments", List.of(
                    Map.of("name", "staging"), Map.of("name", "prod"))))).extracting(Api.Response::status).isEqualTo(201);
            assertThat(admin.post("/api/v1/projects", Map.of("id", "payroll-db", "environments", List.of(
                    Map.of("name", "staging"))))).extracting(Api.Response::status).isEqualTo(201);
            Api.Response rule = admin.post("/api/v1/identity-rules", rule(Map.of("repository", "acme/billing",
                    "ref", "refs/heads/*", "environment", "staging"), List.of("billing-db"), List.of("staging")));
            assertThat(rule.status()).as(rule.body().toString()).isEqualTo(201);
            stagingRule = rule.body().path("id").asText();
            // every test reads the projects back: wait once until the read model holds them
            for (String project : List.of(PROJECT, "/api/v1/projects/payroll-db")) {
                assertThat(admin.send("GET", project, null, Map.of("Ledger-Consistency", "head")).status()).isEqualTo(200);
            }
        }
    }

    static Map<String, Object> rule(Map<String, String> match, List<String> projects, List<String> environments) {
        return Map.of("issuer", ISSUER.issuer(), "match", match, "principal", "github:{repository}@{environment}",
                "roles", List.of("ci"), "projects", projects, "environments", environments);
    }

    /** The claims of {@code repository}'s deploy job to {@code environment}, as GitHub signs them for this ledger. */
    static Map<String, Object> job(String repository, String environment) {
        return ISSUER.claims(AUDIENCE, OidcTestIssuer.githubJob(repository, environment));
    }

    Api as(String token) {
        return admin.withToken(token);
    }

    Api stagingJob() {
        return as(ISSUER.sign(job("acme/billing", "staging")));
    }

    @Test
    void aTokenARuleAdmitsActsAsTheMappedPrincipalWithTheJobsClaimsOnItsEvents() throws Exception {
        Api job = stagingJob();
        Api.Response planned = job.post(PROJECT + "/migrations", Map.of("migrations", List.of(Map.of("version", "1",
                "checksum", "a".repeat(64), "changeClass", "ADDITIVE"))));
        assertThat(planned.status()).as(planned.body().toString()).isEqualTo(200);
        Api.Response authorized = job.post(PROJECT + "/environments/staging/authorizations",
                Map.of("executionId", "run-8675309", "versions", List.of("1")));
        assertThat(authorized.status()).as(authorized.body().toString()).isEqualTo(200);
        assertThat(authorized.body().path("authorized").toString()).isEqualTo("[\"1\"]");

        Map<String, Object> event = jdbc.queryForMap("SELECT convert_from(payload, 'UTF8') AS payload, "
                + "convert_from(meta_data, 'UTF8') AS metadata FROM domain_event_entry "
                + "WHERE payload_type LIKE '%ExecutionAuthorized' ORDER BY global_index DESC LIMIT 1");
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree((String) event.get("payload")).path("actor").asText()).isEqualTo("github:acme/billing@staging");
        JsonNode metadata = json.readTree((String) event.get("metadata"));
        assertThat(metadata.path("identity.repository").asText()).isEqualTo("acme/billing");
        assertThat(metadata.path("identity.runId").asText()).isEqualTo("8675309");
        assertThat(metadata.path("identity.sha").asText()).isEqualTo("5f3b2a9c1d0e7f6a8b9c0d1e2f3a4b5c6d7e8f90");
        assertThat(metadata.path("identity.ref").asText()).isEqualTo("refs/heads/main");
        assertThat(metadata.path("identity.workflow").asText()).isEqualTo("deploy database");
        assertThat(metadata.path("identity.actor").asText()).isEqualTo("octocat");
        assertThat(metadata.path("identity.rule").asText()).isEqualTo(stagingRule);
        assertThat(metadata.path("identity.issuer").asText()).isEqualTo(ISSUER.issuer());
        assertThat(metadata.has("traceId")).as("Axon's own correlation data is kept").isTrue();
    }

    @Test
    void outsideItsRulesEnvironmentsOrProjectsATokenIsRefusedOutOfScope() {
        Api job = stagingJob();
        for (String path : List.of(PROJECT + "/environments/prod/state", "/api/v1/projects/payroll-db",
                "/api/v1/projects/payroll-db/environments/staging/state", PROJECT + "/drift?from=staging&to=prod",
                "/api/v1/reports/compliance?project=payroll-db", "/api/v1/reports/compliance?project=billing-db&environment=prod")) {
            Api.Response refused = job.get(path);
            assertThat(refused.status()).as(path).isEqualTo(403);
            assertThat(refused.reasonCodes()).as(path).containsExactly("OUT_OF_SCOPE");
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        }
        Api.Response write = job.post(PROJECT + "/environments/prod/authorizations",
                Map.of("executionId", "run-prod", "versions", List.of("1")));
        assertThat(write.status()).isEqualTo(403);
        assertThat(write.body().path("detail").asText()).contains("github:acme/billing@staging", "billing-db/prod");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE convert_from(payload, 'UTF8') "
                + "LIKE '%run-prod%'", Long.class)).as("nothing recorded").isZero();

        assertThat(job.get(PROJECT + "/environments/staging/state").status()).isEqualTo(200);
        assertThat(job.get("/api/v1/keys").status()).as("requests naming no project").isEqualTo(200);
    }

    @Test
    void aTokenHasOnlyItsRulesRoles() {
        Api.Response refused = stagingJob().post("/api/v1/projects", Map.of("id", "x", "environments",
                List.of(Map.of("name", "dev"))));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(stagingJob().get("/api/v1/identity-rules").status()).isEqualTo(403);
    }

    /** What the refusal says for each forgery: the caller learns what to fix, and the test what was checked. */
    static final Map<String, String> WHY = Map.ofEntries(
            Map.entry("alg=none", "Unsupported algorithm of none"),
            Map.entry("HS256 keyed with the public key", "Another algorithm expected"),
            Map.entry("unknown kid", "key"),
            Map.entry("known kid, another key", "Invalid signature"),
            Map.entry("expired", "Jwt expired"),
            Map.entry("not yet valid", "Jwt used before"),
            Map.entry("issued in the future", "iat claim is not valid"),
            Map.entry("no exp", "exp claim is not valid"),
            Map.entry("wrong audience", "aud claim is not valid"),
            Map.entry("wrong issuer", "not an issuer this ledger trusts"),
            Map.entry("tampered payload", "Invalid signature"));

    static Stream<String> forgeries() {
        assertThat(WHY.keySet()).isEqualTo(ISSUER.forgeries(job("acme/billing", "staging")).keySet());
        return ISSUER.forgeries(job("acme/billing", "staging")).keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgeries")
    void aForgedOrMisdirectedTokenIsA401Problem(String forgery) {
        String token = ISSUER.forgeries(job("acme/billing", "staging")).get(forgery);
        Api.Response refused = as(token).post(PROJECT + "/environments/staging/authorizations",
                Map.of("executionId", "forged-" + forgery.hashCode(), "versions", List.of("1")));
        assertThat(refused.status()).as(refused.body().toString()).isEqualTo(401);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.header("WWW-Authenticate")).contains("invalid_token");
        assertThat(refused.body().path("detail").asText()).startsWith("the OIDC ID token was refused").contains(WHY.get(forgery));
        assertThat(as(token).get(PROJECT).status()).as("reads too").isEqualTo(401);
    }

    @Test
    void aTokenWhoseIssuersKeysCannotBeFetchedIs503NotA401OrA500() {
        Map<String, Object> claims = new HashMap<>(job("acme/billing", "staging"));
        claims.put("iss", UNREACHABLE);
        Api.Response unavailable = as(ISSUER.sign(claims)).get(PROJECT);
        assertThat(unavailable.status()).as(unavailable.body().toString()).isEqualTo(503);
        assertThat(unavailable.header("Retry-After")).isNotBlank();
        assertThat(unavailable.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void aWellSignedTokenNoRuleAdmitsIsRefused() {
        Api.Response refused = as(ISSUER.sign(job("acme/other", "staging"))).get(PROJECT);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.body().path("detail").asText()).contains("no identity rule admits this token");
        Map<String, Object> fork = new HashMap<>(job("acme/billing", "staging"));
        fork.put("ref", "refs/pull/7/merge");
        assertThat(as(ISSUER.sign(fork)).get(PROJECT).status()).as("ref must match refs/heads/*").isEqualTo(401);
    }

    @Test
    void es256TokensAreAccepted() {
        assertThat(as(ISSUER.signEs256(job("acme/billing", "staging"))).get(PROJECT).status()).isEqualTo(200);
    }

    @Test
    void bearerTokensKeepWorkingBesideOidc() {
        Api ci = admin.as("ci-bot", "ci");
        assertThat(ci.get(PROJECT).status()).isEqualTo(200);
        assertThat(ci.get("/api/v1/projects/payroll-db").status()).as("a bearer token has no rule scope").isEqualTo(200);
        assertThat(admin.withToken("mlt_unknown").get(PROJECT).status()).isEqualTo(401);
    }

    @Test
    void keysAreFetchedOnceAndInventedKidsCannotHammerTheIssuer() {
        stagingJob().get(PROJECT);
        int fetched = ISSUER.jwksRequests();
        for (int i = 0; i < 5; i++) {
            assertThat(stagingJob().get(PROJECT).status()).isEqualTo(200);
        }
        assertThat(ISSUER.jwksRequests()).as("cached").isEqualTo(fetched);
        for (int i = 0; i < 20; i++) {
            assertThat(as(ISSUER.signWithInventedKid(job("acme/billing", "staging"))).get(PROJECT).status()).isEqualTo(401);
        }
        // at most two fetches per 5 s window; the loop may straddle two windows
        assertThat(ISSUER.jwksRequests() - fetched).isBetween(1, 4);
    }

    @Test
    void aRotatedSigningKeyIsPickedUp() {
        assertThat(stagingJob().get(PROJECT).status()).isEqualTo(200);
        String oldKid = ISSUER.currentKid();
        String newKid = ISSUER.rotate();
        assertThat(newKid).isNotEqualTo(oldKid);
        // the first request with the new kid refetches the JWKS, unless a fetch just happened (then within 5 s)
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                .until(() -> stagingJob().get(PROJECT).status() == 200);
    }

    @Test
    void removingARuleRefusesItsTokensAtOnce() {
        Api.Response payroll = admin.post("/api/v1/identity-rules", rule(Map.of("repository", "acme/payroll"),
                List.of("payroll-db"), List.of("*")));
        assertThat(payroll.status()).isEqualTo(201);
        String token = ISSUER.sign(job("acme/payroll", "staging"));
        assertThat(as(token).get("/api/v1/projects/payroll-db/environments/staging/state").status()).isEqualTo(200);
        assertThat(as(token).get(PROJECT).reasonCodes()).containsExactly("OUT_OF_SCOPE");

        assertThat(admin.delete("/api/v1/identity-rules/" + payroll.body().path("id").asText()).status()).isEqualTo(204);
        assertThat(as(token).get("/api/v1/projects/payroll-db").status()).isEqualTo(401);
        assertThat(admin.delete("/api/v1/identity-rules/" + payroll.body().path("id").asText()).status()).isEqualTo(400);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%IdentityRuleChanged' "
                + "AND convert_from(payload, 'UTF8') LIKE '%acme/payroll%'", Long.class)).isEqualTo(2);
    }

    @Test
    void identityRulesAreValidatedListedAndIdempotent() {
        Api.Response invalid = admin.post("/api/v1/identity-rules", Map.of("issuer", ISSUER.issuer(),
                "match", Map.of("repository", "*"), "principal", "octocat", "roles", List.of("admin"),
                "projects", List.of(), "environments", List.of("prod")));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body().path("reasons").findValuesAsText("field")).contains("match.repository", "principal",
                "roles", "projects");
        Api.Response unknownIssuer = admin.post("/api/v1/identity-rules", Map.of("issuer", "https://gitlab.invalid",
                "match", Map.of("project_path", "acme/billing"), "principal", "gitlab:{project_path}",
                "roles", List.of("ci"), "projects", List.of("billing-db"), "environments", List.of("prod")));
        assertThat(unknownIssuer.status()).isEqualTo(400);
        assertThat(unknownIssuer.body().path("detail").asText()).contains("ledger.oidc.issuers");

        Map<String, Object> audit = Map.of("issuer", ISSUER.issuer(), "match", Map.of("repository", "acme/audit"),
                "principal", "github:{repository}", "roles", List.of("auditor"), "projects", List.of("*"),
                "environments", List.of("*"));
        Api.Response first = admin.post("/api/v1/identity-rules", audit, Map.of("Idempotency-Key", "audit-rule"));
        Api.Response again = admin.post("/api/v1/identity-rules", audit, Map.of("Idempotency-Key", "audit-rule"));
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.body().path("id").asText()).isEqualTo(first.body().path("id").asText());
        assertThat(admin.get("/api/v1/identity-rules").body().findValuesAsText("id"))
                .containsOnlyOnce(first.body().path("id").asText()).contains(stagingRule);
        JsonNode listed = admin.get("/api/v1/identity-rules").body().get(0);
        assertThat(listed.path("definedBy").asText()).isEqualTo("admin");
        assertThat(listed.path("rule").path("principal").asText()).isEqualTo("github:{repository}@{environment}");
    }
}
