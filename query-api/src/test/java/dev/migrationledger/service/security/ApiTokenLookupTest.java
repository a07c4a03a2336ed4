package dev.migrationledger.service.security;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * Tokens are looked up by their SHA-256, never by the secret: the database sees (and an index
 * compares) only the hash, so neither a query log nor the timing of a string comparison on the
 * secret reveals anything; the row found is compared again with MessageDigest.isEqual.
 */
class ApiTokenLookupTest {

    @Test
    @SuppressWarnings("unchecked")
    void theDatabaseIsAskedForTheHashNeverTheSecret() throws Exception {
        JdbcTemplate jdbc = mock(JdbcTemplate.class);
        when(jdbc.query(anyString(), any(RowMapper.class), any(Object[].class))).thenReturn(List.of());
        String secret = ApiTokenService.PREFIX + "s3cr3t-value-that-must-not-reach-sql";

        assertThat(new ApiTokenService(jdbc, java.time.Duration.ZERO, com.github.benmanes.caffeine.cache.Ticker.systemTicker()).authenticate(secret)).isEmpty();

        ArgumentCaptor<String> sql = ArgumentCaptor.forClass(String.class);
        ArgumentCaptor<Object> parameter = ArgumentCaptor.forClass(Object.class);
        verify(jdbc).query(sql.capture(), any(RowMapper.class), parameter.capture());
        assertThat(sql.getValue()).contains("WHERE token_hash = ?").doesNotContain(secret);
        assertThat(parameter.getAllValues()).hasSize(1);
        assertThat((byte[]) parameter.getValue())
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRowWhoseHashDiffersIsNotAMatch() {
        JdbcTemplate jdbc = mock(JdbcTemplate.class);
        ApiToken someone = new ApiToken(java.util.UUID.randomUUID(), "x", List.of(Role.ADMIN), java.time.Instant.now(), "t", null);
        when(jdbc.query(anyString(), any(RowMapper.class), any(Object[].class)))
                .thenReturn(java.util.Collections.singletonList((Object) new Object[]{someone, new byte[32]}));

        assertThat(new ApiTokenService(jdbc, java.time.Duration.ZERO, com.github.benmanes.caffeine.cache.Ticker.systemTicker()).authenticate(ApiTokenService.PREFIX + "guess")).isEmpty();
    }

    @Test
    void secretsThatCannotBeTokensNeverReachTheDatabase() {
        JdbcTemplate jdbc = mock(JdbcTemplate.class);
        ApiTokenService service = new ApiTokenService(jdbc, java.time.Duration.ZERO, com.github.benmanes.caffeine.cache.Ticker.systemTicker());

        assertThat(service.authenticate("no-prefix")).isEmpty();
        assertThat(service.authenticate(ApiTokenService.PREFIX + "x".repeat(300))).isEmpty();
        verify(jdbc, never()).query(anyString(), any(RowMapper.class), any(Object[].class));
    }
}
