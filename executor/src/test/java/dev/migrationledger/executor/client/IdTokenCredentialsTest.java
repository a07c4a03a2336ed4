package dev.migrationledger.executor.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationledger.ledger.testing.OidcTestIssuer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI gets the job's ID token itself: GitHub's token-request protocol, or a file the platform wrote. */
class IdTokenCredentialsTest {

    private static final RetryPolicy FAST = new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(20));
    private static final OidcTestIssuer GITHUB = new OidcTestIssuer();

    @TempDir
    Path dir;

    @AfterAll
    static void stop() {
        GITHUB.close();
    }

    private static Map<String, String> job() {
        return Map.of(GitHubIdToken.REQUEST_URL, GITHUB.tokenRequestUrl(), GitHubIdToken.REQUEST_TOKEN, GITHUB.requestToken());
    }

    private static String claim(String jwt, String name) throws Exception {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        return LedgerJson.MAPPER.readTree(payload).path(name).asText();
    }

    @Test
    void gitHubsEndpointIsAskedWithTheRequestTokenForTheAudience() throws Exception {
        GITHUB.playJob(Map.of("repository", "acme/billing"));
        String token = GitHubIdToken.fromEnvironment(job(), "ledger.example.com", FAST).token();
        assertThat(claim(token, "aud")).isEqualTo("ledger.example.com");
        assertThat(claim(token, "repository")).isEqualTo("acme/billing");
        assertThat(claim(token, "iss")).isEqualTo(GITHUB.issuer());
    }

    @Test
    void theTokenIsKeptUntilShortlyBeforeItExpires() {
        GitHubIdToken source = GitHubIdToken.fromEnvironment(job(), "migration-ledger", FAST);
        int before = GITHUB.tokenRequests();
        String first = source.token();
        assertThat(source.token()).isEqualTo(first);
        assertThat(GITHUB.tokenRequests() - before).isEqualTo(1);

        // the same source four and a half minutes later: its five-minute token is about to expire
        Clock later = Clock.fixed(Instant.now().plus(Duration.ofSeconds(270)), ZoneOffset.UTC);
        GitHubIdToken aging = new GitHubIdToken(URI.create(GITHUB.tokenRequestUrl() + "&audience=migration-ledger"),
                GITHUB.requestToken(), FAST, later);
        aging.token();
        aging.token();
        assertThat(GITHUB.tokenRequests() - before).as("fetched again each time near expiry").isEqualTo(3);
    }

    @Test
    void aJobWithoutIdTokenPermissionIsToldWhatToAdd() {
        assertThatThrownBy(() -> GitHubIdToken.fromEnvironment(Map.of(), "migration-ledger", FAST))
                .isInstanceOf(IdTokenException.class).hasMessageContaining("permissions: id-token: write");
    }

    @Test
    void aWrongRequestTokenIsAConfigurationError() {
        Map<String, String> stolen = Map.of(GitHubIdToken.REQUEST_URL, GITHUB.tokenRequestUrl(),
                GitHubIdToken.REQUEST_TOKEN, "not-this-jobs");
        assertThatThrownBy(() -> GitHubIdToken.fromEnvironment(stolen, "migration-ledger", FAST).token())
                .isInstanceOf(IdTokenException.class).hasMessageContaining("HTTP 401");
    }

    @Test
    void aTokenTheLedgerRefusesIsRenewedOnceAndTheRequestSentAgain() throws Exception {
        GitHubIdToken source = GitHubIdToken.fromEnvironment(job(), "migration-ledger", FAST);
        try (FakeLedger ledger = new FakeLedger()) {
            String expired = source.token();
            ledger.refusedTokens.add(expired);
            var result = new LedgerClient(ledger.url(), source, FAST).authorize("p", "dev", "run-1", java.util.Map.of("1", "a".repeat(64)), null, false);
            assertThat(result.authorized()).containsExactly("1");
            assertThat(ledger.requestsTo("/authorizations")).extracting(FakeLedger.Request::authorization)
                    .hasSize(2).first().isEqualTo("Bearer " + expired);
            assertThat(ledger.requestsTo("/authorizations").get(1).authorization()).isNotEqualTo("Bearer " + expired);
        }
    }

    @Test
    void aTokenFileIsSentAndReadAgainWhenRefused() throws Exception {
        Path file = dir.resolve("id-token");
        String old = GITHUB.sign(GITHUB.claims("migration-ledger", Map.of()));
        String rotated = GITHUB.sign(GITHUB.claims("migration-ledger", Map.of()));
        Files.writeString(file, old + "\n");
        IdTokenFile source = new IdTokenFile(file);
        assertThat(source.token()).isEqualTo(old);
        assertThat(source.renew()).as("unchanged file: nothing to retry with").isFalse();
        Files.writeString(file, rotated);
        assertThat(source.renew()).isTrue();
        assertThat(source.token()).isEqualTo(rotated);
    }

    @Test
    void aTokenFileThatHoldsNoJwtIsAConfigurationError() throws Exception {
        Path file = dir.resolve("id-token");
        Files.writeString(file, "mlt_not-an-id-token");
        assertThatThrownBy(() -> new IdTokenFile(file).token()).isInstanceOf(IdTokenException.class)
                .hasMessageContaining("does not hold a JWT");
        assertThatThrownBy(() -> new IdTokenFile(dir.resolve("missing")).token()).isInstanceOf(IdTokenException.class)
                .hasMessageContaining("cannot read");
    }
}
