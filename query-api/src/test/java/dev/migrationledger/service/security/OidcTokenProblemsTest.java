package dev.migrationledger.service.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import dev.migrationledger.service.problem.ProblemWriter;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How a refused OIDC token is answered: 401 with the reason, or 503 when the ledger could not judge it. */
class OidcTokenProblemsTest {

    private final OidcTokenProblems problems = new OidcTokenProblems(
            new ProblemWriter(Jackson2ObjectMapperBuilder.json().build()));

    private MockHttpServletResponse answer(AuthenticationException failure) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        problems.commence(new MockHttpServletRequest(), response, failure);
        return response;
    }

    @Test
    void anInvalidTokenIs401WithWhatWasWrong() throws Exception {
        MockHttpServletResponse response = answer(new InvalidBearerTokenException(
                "An error occurred while attempting to decode the Jwt: Jwt expired at 2026-05-01T10:00:00Z"));
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getHeader("WWW-Authenticate")).contains("error=\"invalid_token\"");
        assertThat(response.getContentAsString()).contains("the OIDC ID token was refused: Jwt expired at 2026-05-01T10:00:00Z");
    }

    @Test
    void anInventedKidAfterAFreshFetchIsStill401() throws Exception {
        MockHttpServletResponse response = answer(new AuthenticationServiceException("Rate limit reached",
                new RateLimitReachedException()));
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getContentAsString()).contains("no key of the issuer has the token's kid");
    }

    @Test
    void unreadableIdentityRulesAre503NeverA500() throws Exception {
        // a database that is away: the rules cannot be read, so the token cannot be judged
        IdentityRules away = new IdentityRules(new JdbcTemplate(new DriverManagerDataSource(
                "jdbc:postgresql://127.0.0.1:1/nothing", "nobody", "")), new ObjectMapper());
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").claim("iss", "https://issuer.example")
                .subject("repo:acme/billing").issuedAt(Instant.now()).expiresAt(Instant.now().plus(Duration.ofMinutes(5)))
                .audience(List.of("migration-ledger")).build();
        AuthenticationServiceException failure = (AuthenticationServiceException) org.assertj.core.api.Assertions
                .catchThrowable(() -> new IdentityRuleAuthenticator(away).convert(jwt));
        assertThat(failure).isNotNull();

        MockHttpServletResponse response = answer(failure);
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isNotBlank();
        assertThat(response.getContentAsString()).contains("retry");
    }

    @Test
    void aMisconfiguredIssuerStopsTheServiceAtStartWithTheSettingToFix() {
        assertThatThrownBy(() -> new OidcProperties(List.of(new OidcProperties.Issuer("https://gitlab.example", null,
                "migration-ledger")), Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofSeconds(5)))
                .hasMessageContaining("ledger.oidc.issuers[0].jwks-uri");
        assertThatThrownBy(() -> new OidcProperties(List.of(), Duration.ofHours(1), Duration.ofMinutes(5),
                Duration.ofSeconds(30), Duration.ofSeconds(5))).hasMessageContaining("clock-skew");
    }
}
