package dev.migrationledger.service.security;

import com.github.benmanes.caffeine.cache.Ticker;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * A live token is looked up once per {@code ledger.token-cache-ttl}; revoking it here ends it at once, revoking
 * it on another instance (only the database knows) ends it here once the bound has passed.
 */
class ApiTokenCacheTest {

    private static final Duration TTL = Duration.ofSeconds(5);
    private static final String SECRET = ApiTokenService.PREFIX + "a-live-token";

    private final AtomicLong nanos = new AtomicLong();
    private final Ticker ticker = nanos::get;
    private final JdbcTemplate jdbc = mock(JdbcTemplate.class);
    private final ApiTokenService tokens = new ApiTokenService(jdbc, TTL, ticker);
    private final ApiToken token = new ApiToken(UUID.randomUUID(), "ci-bot", List.of(Role.CI), Instant.now(), "admin", null);

    @SuppressWarnings("unchecked")
    private void databaseHolds(ApiToken row) {
        when(jdbc.query(anyString(), any(RowMapper.class), any(Object[].class)))
                .thenReturn(java.util.Collections.singletonList((Object) new Object[]{row, ApiTokenService.hash(SECRET)}));
    }

    private ApiToken revoked() {
        return new ApiToken(token.id(), token.principal(), token.roles(), token.createdAt(), token.createdBy(), Instant.now());
    }

    @SuppressWarnings("unchecked")
    private void queried(int n) {
        verify(jdbc, times(n)).query(anyString(), any(RowMapper.class), any(Object[].class));
    }

    @Test
    void aLiveTokenIsLookedUpOncePerBound() {
        databaseHolds(token);

        assertThat(tokens.authenticate(SECRET)).contains(token);
        assertThat(tokens.authenticate(SECRET)).contains(token);
        queried(1);

        nanos.addAndGet(TTL.toNanos() + 1);
        assertThat(tokens.authenticate(SECRET)).contains(token);
        queried(2);
    }

    @Test
    void revokingHereEndsTheTokenAtOnce() {
        databaseHolds(token);
        assertThat(tokens.authenticate(SECRET)).contains(token);
        when(jdbc.update(anyString(), any(Object[].class))).thenReturn(1);

        assertThat(tokens.revoke(token.id())).isTrue();
        databaseHolds(revoked());

        assertThat(tokens.authenticate(SECRET)).isEmpty();
    }

    @Test
    void revokingOnAnotherInstanceEndsTheTokenHereWithinTheBound() {
        databaseHolds(token);
        assertThat(tokens.authenticate(SECRET)).contains(token);
        databaseHolds(revoked());

        nanos.addAndGet(TTL.toNanos() - 1);
        assertThat(tokens.authenticate(SECRET)).as("still inside the documented bound").contains(token);
        nanos.addAndGet(2);
        assertThat(tokens.authenticate(SECRET)).isEmpty();
    }

    @Test
    void unknownAndRevokedSecretsAreNeverRemembered() {
        databaseHolds(revoked());

        assertThat(tokens.authenticate(SECRET)).isEmpty();
        assertThat(tokens.authenticate(SECRET)).isEmpty();
        queried(2);
    }
}
