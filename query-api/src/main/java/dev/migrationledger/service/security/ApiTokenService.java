package dev.migrationledger.service.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.migrationledger.ledger.domain.Checksum;
import dev.migrationledger.service.config.LedgerProperties;
import dev.migrationledger.ledger.domain.InputCheck;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Issues, checks and revokes bearer tokens. A token is {@code mlt_} + 32 random bytes; the database
 * holds its SHA-256 only, looked up by hash and compared again in constant time.
 *
 * <p>A live token found is remembered for {@code ledger.token-cache-ttl} (by its hash, never the secret), so
 * a client's requests after the first cost no query. Revocation therefore takes effect at once on the
 * instance that revoked the token and within that bound on any other; unknown or revoked secrets are never
 * remembered, so guessing cannot push live tokens out.
 */
@Service
public class ApiTokenService {

    public static final String PREFIX = "mlt_";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A token just created: the only moment the secret exists outside the caller. */
    public record IssuedToken(ApiToken token, String secret) {
    }

    private static final int CACHED_TOKENS = 10_000;

    private final JdbcTemplate jdbc;
    private final Cache<String, ApiToken> live;

    @Autowired
    public ApiTokenService(JdbcTemplate jdbc, LedgerProperties properties) {
        this(jdbc, properties.tokenCacheTtl(), Ticker.systemTicker());
    }

    ApiTokenService(JdbcTemplate jdbc, Duration cacheTtl, Ticker ticker) {
        this.jdbc = jdbc;
        this.live = Caffeine.newBuilder().maximumSize(CACHED_TOKENS).expireAfterWrite(cacheTtl).ticker(ticker).build();
    }

    public IssuedToken issue(String principal, List<Role> roles, String createdBy) {
        InputCheck check = new InputCheck().identifier("principal", principal);
        check.require(roles != null && !roles.isEmpty() && roles.stream().noneMatch(java.util.Objects::isNull), "roles",
                "roles lists at least one of ci, approver, auditor, admin");
        check.throwIfInvalid();
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        ApiToken token = new ApiToken(UUID.randomUUID(), principal, List.copyOf(new LinkedHashSet<>(roles)),
                Instant.now(), createdBy, null);
        jdbc.update(con -> {
            var ps = con.prepareStatement("INSERT INTO api_token (id, principal, roles, token_hash, created_at, created_by) "
                    + "VALUES (?, ?, ?, ?, ?, ?)");
            ps.setObject(1, token.id());
            ps.setString(2, principal);
            ps.setArray(3, con.createArrayOf("text", token.roles().stream().map(Role::wireName).toArray()));
            ps.setBytes(4, hash(secret));
            ps.setTimestamp(5, Timestamp.from(token.createdAt()));
            ps.setString(6, createdBy);
            return ps;
        });
        return new IssuedToken(token, secret);
    }

    /** The live token with this secret, if any. */
    public Optional<ApiToken> authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 200) {
            return Optional.empty();
        }
        byte[] presented = hash(secret);
        String key = HexFormat.of().formatHex(presented);
        ApiToken cached = live.getIfPresent(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        List<Object[]> rows = jdbc.query("SELECT id, principal, roles, created_at, created_by, revoked_at, token_hash "
                + "FROM api_token WHERE token_hash = ?", (rs, n) -> new Object[]{ROWS.mapRow(rs, n), rs.getBytes("token_hash")},
                (Object) presented);
        for (Object[] row : rows) {
            ApiToken token = (ApiToken) row[0];
            if (MessageDigest.isEqual(presented, (byte[]) row[1]) && token.revokedAt() == null) {
                live.put(key, token);
                return Optional.of(token);
            }
        }
        return Optional.empty();
    }

    public List<ApiToken> list() {
        return jdbc.query("SELECT id, principal, roles, created_at, created_by, revoked_at FROM api_token ORDER BY created_at",
                ROWS);
    }

    public boolean revoke(UUID id) {
        boolean revoked = jdbc.update("UPDATE api_token SET revoked_at = now() WHERE id = ? AND revoked_at IS NULL", id) > 0;
        live.asMap().values().removeIf(token -> token.id().equals(id));
        return revoked;
    }

    public Optional<ApiToken> find(UUID id) {
        return jdbc.query("SELECT id, principal, roles, created_at, created_by, revoked_at FROM api_token WHERE id = ?",
                ROWS, id).stream().findFirst();
    }

    public boolean anyAdmin() {
        Long n = jdbc.queryForObject("SELECT count(*) FROM api_token WHERE revoked_at IS NULL AND 'admin' = ANY(roles)",
                Long.class);
        return n != null && n > 0;
    }

    static byte[] hash(String secret) {
        return Checksum.sha256(secret.getBytes(StandardCharsets.UTF_8));
    }

    private static final RowMapper<ApiToken> ROWS = (rs, n) -> {
        Array array = rs.getArray("roles");
        List<Role> roles = new ArrayList<>();
        for (Object role : (Object[]) array.getArray()) {
            roles.add(Role.fromWire((String) role));
        }
        Timestamp revoked = rs.getTimestamp("revoked_at");
        return new ApiToken(rs.getObject("id", UUID.class), rs.getString("principal"), roles,
                rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"),
                revoked == null ? null : revoked.toInstant());
    };
}
