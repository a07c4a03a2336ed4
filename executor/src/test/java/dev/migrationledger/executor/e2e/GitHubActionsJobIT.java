package dev.migrationledger.executor.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationledger.executor.client.LedgerJson;
import dev.migrationledger.ledger.testing.OidcTestIssuer;
import dev.migrationledger.ledger.testing.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §10's done-when, end to end with the packaged jars: a local OIDC issuer plays GitHub Actions (a
 * real JWKS, the token-request endpoint with its bearer check), the packaged service trusts it, and the
 * packaged {@code ledger migrate --oidc github} — with no stored secret — is authorized where its identity
 * rule allows and refused elsewhere; the recorded actor and the receipt name the repository and the run;
 * forged tokens are 401 problems; a rotated key is picked up. Run by failsafe, after {@code package}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GitHubActionsJobIT {

    static final Path CLI = Path.of(System.getProperty("ledger.cli.jar", "target/ledger.jar")).toAbsolutePath();
    static final String AUDIENCE = "ledger.example.test";
    /** The run of {@link OidcTestIssuer#githubJob}. */
    static final String RUN_ID = "8675309";

    @TempDir
    static Path home;
    @TempDir
    static Path workspace;

    private static OidcTestIssuer github;
    private static LedgerService service;
    private static Path migrations;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    record Run(int exit, String output) {
    }

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isRegularFile(LedgerService.JAR) && Files.isRegularFile(CLI),
                LedgerService.JAR + " or " + CLI + " not built (./mvnw package): skipped");
        github = new OidcTestIssuer();
        service = new LedgerService(home, "--ledger.oidc.issuers[0].issuer=" + github.issuer(),
                "--ledger.oidc.issuers[0].jwks-uri=" + github.jwksUri(), "--ledger.oidc.issuers[0].audience=" + AUDIENCE);
        service.call("POST", "/projects", service.adminToken, "{\"id\":\"billing-db\",\"environments\":["
                + "{\"name\":\"staging\"},{\"name\":\"prod\",\"policy\":{\"backupRequiredFor\":[]}}]}");
        service.call("POST", "/identity-rules", service.adminToken, "{\"issuer\":\"" + github.issuer() + "\","
                + "\"match\":{\"repository\":\"acme/billing\",\"ref\":\"refs/heads/main\",\"environment\":\"staging\"},"
                + "\"principal\":\"github:{repository}@{environment}\",\"roles\":[\"ci\"],"
                + "\"projects\":[\"billing-db\"],\"environments\":[\"staging\"]}");
        migrations = Files.createDirectories(workspace.resolve("db/migration"));
        Files.writeString(migrations.resolve("V1__create_invoice.sql"), "CREATE TABLE invoice (id bigint primary key);");
        Files.writeString(migrations.resolve("V2__add_total.sql"), "ALTER TABLE invoice ADD COLUMN total numeric;");
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (github != null) {
            github.close();
        }
    }

    static Map<String, Object> job(String repository, String environment) {
        return OidcTestIssuer.githubJob(repository, environment);
    }

    /** The packaged CLI, run as a step of the job: GitHub's variables, no LEDGER_TOKEN. */
    static Run ledger(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("java", "-jar", CLI.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).directory(workspace.toFile());
        builder.environment().remove("LEDGER_TOKEN");
        builder.environment().put("LEDGER_URL", service.url);
        builder.environment().put("LEDGER_RETRIES", "3");
        builder.environment().put("LEDGER_RETRY_DELAY_MS", "100");
        builder.environment().put("CI", "true");
        builder.environment().put("GITHUB_ACTIONS", "true");
        builder.environment().put("GITHUB_WORKSPACE", workspace.toString());
        builder.environment().put("ACTIONS_ID_TOKEN_REQUEST_URL", github.tokenRequestUrl());
        builder.environment().put("ACTIONS_ID_TOKEN_REQUEST_TOKEN", github.requestToken());
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Run(process.exitValue(), output);
    }

    static String[] migrate(String environment, TestPostgres.Database db) {
        return new String[] {"migrate", "--oidc", "github", "--oidc-audience", AUDIENCE, "--format", "github",
                "--project", "billing-db", "--env", environment, "--dir", migrations.toString(),
                "--db", db.url(), "--db-user", db.user()};
    }

    static Map<String, String> target(TestPostgres.Database db, Path summary) {
        return Map.of("LEDGER_DB_PASSWORD", db.password() == null ? "" : db.password(),
                "GITHUB_STEP_SUMMARY", summary.toString());
    }

    static HttpResponse<String> get(String path, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(service.url + "/api/v1" + path))
                .header("Authorization", "Bearer " + token).header("Ledger-Consistency", "head").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode decoded(String base64) throws Exception {
        return LedgerJson.MAPPER.readTree(Base64.getDecoder().decode(base64));
    }

    @Test
    @Order(1)
    void theJobMigratesTheEnvironmentItsRuleAllowsAndIsRefusedAnother() throws Exception {
        github.playJob(job("acme/billing", "staging"));
        Run plan = ledger(Map.of(), "plan", "--oidc", "github", "--oidc-audience", AUDIENCE, "--project", "billing-db",
                "--dir", migrations.toString());
        assertThat(plan.exit()).as(plan.output()).isZero();

        TestPostgres.Database staging = TestPostgres.freshDatabase("oidc_staging");
        Path summary = workspace.resolve("summary-staging.md");
        Run migrated = ledger(target(staging, summary), migrate("staging", staging));
        assertThat(migrated.exit()).as(migrated.output()).isZero();
        assertThat(migrated.output()).contains("::notice title=ledger migrate billing-db → staging::applied 2 migration(s)");
        assertThat(Files.readString(summary)).contains("| 1 | `db/migration/V1__create_invoice.sql` | ✅ applied |")
                .contains("| 2 | `db/migration/V2__add_total.sql` | ✅ applied |");

        JsonNode state = service.call("GET", "/projects/billing-db/environments/staging/state", service.adminToken, null);
        assertThat(state.get("applied").findValuesAsText("actor")).containsOnly("github:acme/billing@staging").hasSize(2);

        // the same job token, against prod: the identity is fine, its rule does not reach there
        TestPostgres.Database prod = TestPostgres.freshDatabase("oidc_prod");
        Run refused = ledger(target(prod, workspace.resolve("summary-prod.md")), migrate("prod", prod));
        assertThat(refused.exit()).as(refused.output()).isEqualTo(3);
        assertThat(refused.output()).contains("OUT_OF_SCOPE").contains("::error title=ledger migrate billing-db → prod::");
        assertThat(service.call("GET", "/projects/billing-db/environments/prod/state", service.adminToken, null)
                .get("applied")).isEmpty();
        try (Connection c = prod.connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT to_regclass('public.invoice') IS NULL")) {
            rs.next();
            assertThat(rs.getBoolean(1)).as("nothing applied to prod").isTrue();
        }
    }

    @Test
    @Order(2)
    void theReceiptNamesTheRepositoryAndTheRunAndVerifiesOffline() throws Exception {
        // the job keeps its receipt as an artifact, with its own identity
        String jobToken = github.sign(github.claims(AUDIENCE, job("acme/billing", "staging")));
        HttpResponse<String>[] answer = new HttpResponse[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            answer[0] = get("/projects/billing-db/environments/staging/migrations/2/receipt", jobToken);
            return answer[0].statusCode() == 200;
        });
        JsonNode receipt = LedgerJson.MAPPER.readTree(answer[0].body());
        JsonNode applied = null;
        for (JsonNode event : receipt.get("events")) {
            if ("MigrationApplied".equals(event.path("type").asText())) {
                applied = event;
            }
        }
        assertThat(applied).as(answer[0].body()).isNotNull();
        assertThat(applied.path("decoded").path("actor").asText()).isEqualTo("github:acme/billing@staging");
        JsonNode metadata = decoded(applied.path("metadata").asText());
        assertThat(metadata.path("identity.repository").asText()).isEqualTo("acme/billing");
        assertThat(metadata.path("identity.runId").asText()).isEqualTo(RUN_ID);
        assertThat(metadata.path("identity.sha").asText()).isEqualTo("5f3b2a9c1d0e7f6a8b9c0d1e2f3a4b5c6d7e8f90");
        assertThat(metadata.path("identity.workflow").asText()).isEqualTo("deploy database");
        JsonNode predicate = decoded(receipt.path("envelope").path("payload").asText()).path("predicate");
        assertThat(predicate.path("authorization").path("authorizedBy").asText()).isEqualTo("github:acme/billing@staging");

        // the metadata is hashed into the leaf: the offline verifier proves it was recorded as shown
        Path file = Files.writeString(workspace.resolve("receipt.json"), answer[0].body());
        Run verified = ledger(Map.of(), "verify", file.toString(), "--key", home.resolve("ledger-pub.pem").toString());
        assertThat(verified.exit()).as(verified.output()).isZero();
    }

    @Test
    @Order(3)
    void aRotatedSigningKeyIsPickedUp() throws Exception {
        github.rotate();
        github.playJob(job("acme/billing", "staging"));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Run status = ledger(Map.of(), "status", "--oidc", "github", "--oidc-audience", AUDIENCE,
                    "--project", "billing-db", "--env", "staging");
            assertThat(status.exit()).as(status.output()).isZero();
        });
    }

    @Test
    @Order(4)
    void forgedMisdirectedOrUnadmittedTokensAre401Problems() throws Exception {
        Map<String, String> forged = new HashMap<>(github.forgeries(github.claims(AUDIENCE, job("acme/billing", "staging"))));
        forged.put("no identity rule", github.sign(github.claims(AUDIENCE, job("acme/fork", "staging"))));
        forged.put("audience of another ledger", github.sign(github.claims("migration-ledger", job("acme/billing", "staging"))));
        for (Map.Entry<String, String> token : forged.entrySet()) {
            HttpResponse<String> refused = get("/projects/billing-db/environments/staging/state", token.getValue());
            assertThat(refused.statusCode()).as(token.getKey() + ": " + refused.body()).isEqualTo(401);
            assertThat(refused.headers().firstValue("Content-Type")).as(token.getKey()).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(LedgerJson.MAPPER.readTree(refused.body()).path("status").asInt()).isEqualTo(401);
        }

        // through the CLI: a refused ID token is the pipeline's configuration, exit 2, with the reason
        Path expired = Files.writeString(workspace.resolve("expired-token"), forged.get("expired"));
        Run status = ledger(Map.of(), "status", "--oidc-token-file", expired.toString(), "--project", "billing-db",
                "--env", "staging");
        assertThat(status.exit()).as(status.output()).isEqualTo(2);
        assertThat(status.output()).contains("401").contains("Jwt expired");
    }
}
