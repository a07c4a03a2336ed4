package dev.migrationledger.ledger.api;

import java.time.Instant;

/**
 * The log's signing key was replaced (SPEC §6, Keys). The rotation is itself a leaf of the log, so an
 * auditor sees in the log when each key began to sign; the retired key keeps verifying what it signed.
 * It belongs to the log, not to a project: {@code project} is always {@link #LOG_SCOPE}.
 *
 * @param keyId          C2SP key id (hex) of the new key
 * @param publicKey      the new key's {@code PUBLIC KEY} PEM
 * @param retiredKeyId   the key id of the key it replaces
 */
public record KeyRotated(String project, String keyName, String keyId, String publicKey, String retiredKeyId,
                         Instant occurredAt, Instant recordedAt, String actor) implements LedgerEvent {

    /** Not a project id: project ids cannot start with an underscore. */
    public static final String LOG_SCOPE = "_ledger";
}
