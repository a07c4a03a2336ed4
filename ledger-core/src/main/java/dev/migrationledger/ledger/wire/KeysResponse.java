package dev.migrationledger.ledger.wire;

import java.time.Instant;
import java.util.List;

/** {@code GET /keys}: the log's public keys, current and retired, with their validity windows (SPEC §6). */
public record KeysResponse(String current, List<ListedKey> keys) {

    public KeysResponse {
        keys = keys == null ? List.of() : keys;
    }

    /** {@code publicKey} in PEM; {@code validUntil} absent while the key signs. */
    public record ListedKey(String keyName, String keyId, String publicKey, Instant validFrom, Instant validUntil) {
    }
}
