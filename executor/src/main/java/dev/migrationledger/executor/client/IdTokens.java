package dev.migrationledger.executor.client;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/** Reading an ID token's own expiry, unverified: only to know when to fetch the next one. */
final class IdTokens {

    private IdTokens() {
    }

    /** The token's {@code exp}, if it is a JWT that has one. */
    static Optional<Instant> expiry(String token) {
        String[] parts = token.split("\\.");
        if (parts.length < 2) {
            return Optional.empty();
        }
        try {
            JsonNode claims = LedgerJson.MAPPER.readTree(new String(Base64.getUrlDecoder().decode(parts[1]),
                    StandardCharsets.UTF_8));
            JsonNode exp = claims == null ? null : claims.get("exp");
            return exp != null && exp.canConvertToLong() ? Optional.of(Instant.ofEpochSecond(exp.asLong())) : Optional.empty();
        } catch (Exception notAJwt) {
            return Optional.empty();
        }
    }

    /** A token that looks like a JWT: three base64url parts (the ledger says what else is wrong with it). */
    static boolean looksLikeJwt(String token) {
        return token.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
    }
}
