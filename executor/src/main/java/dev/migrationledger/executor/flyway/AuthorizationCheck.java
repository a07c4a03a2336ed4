package dev.migrationledger.executor.flyway;

import dev.migrationledger.ledger.api.AuthorizationGrant;
import dev.migrationledger.ledger.api.ExecutionAuthorized.AuthorizedMigration;
import dev.migrationledger.ledger.integrity.LogPublicKey;
import dev.migrationledger.ledger.integrity.SignedAuthorization;
import dev.migrationledger.ledger.wire.AuthorizationResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a run trusts of an authorization answer: only what the ledger's key signed, and only when it was signed
 * for this run. The lists beside the envelope are plain JSON that anything between the executor and the ledger
 * can rewrite; they must agree with the envelope, or nothing is applied.
 */
final class AuthorizationCheck {

    /** The answer cannot be trusted: nothing may be applied under it. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    /** What this run asked for: the pending scripts in order, by version key. */
    record Expected(String project, String environment, String executionId, String targetDigest,
                    Map<String, MigrationScript> pending) {
    }

    private AuthorizationCheck() {
    }

    /** @return the verified grant: exactly the versions, in order and with the checksums, that may be applied */
    static AuthorizationGrant verify(AuthorizationResponse answer, LogPublicKey key, Expected expected, Instant now)
            throws Refused {
        AuthorizationGrant grant;
        try {
            grant = SignedAuthorization.verified(answer.envelope(), List.of(key));
        } catch (IllegalArgumentException e) {
            throw new Refused(e.getMessage());
        }
        if (!expected.executionId().equals(grant.executionId())) {
            throw new Refused("the signed authorization is for execution " + grant.executionId() + ", not this run's "
                    + expected.executionId() + " (a replayed answer)");
        }
        if (!expected.project().equals(grant.project()) || !expected.environment().equals(grant.environment())) {
            throw new Refused("the signed authorization is for " + grant.project() + "/" + grant.environment()
                    + ", not " + expected.project() + "/" + expected.environment());
        }
        if (!expected.targetDigest().equals(grant.targetDigest())) {
            throw new Refused("the signed authorization is for target " + grant.targetDigest()
                    + ", not this database (" + expected.targetDigest() + ")");
        }
        if (grant.expiresAt() == null || !now.isBefore(grant.expiresAt())) {
            throw new Refused("the signed authorization expired at " + grant.expiresAt() + " (now " + now
                    + "); check this machine's clock, or run again for a new one");
        }
        List<String> signed = grant.migrations().stream().map(AuthorizedMigration::version).toList();
        if (!signed.equals(answer.authorized())) {
            throw new Refused("the answer says " + answer.authorized() + " are authorized, the ledger signed " + signed);
        }
        List<String> pending = new ArrayList<>(expected.pending().keySet());
        if (signed.size() > pending.size() || !pending.subList(0, signed.size()).equals(signed)) {
            throw new Refused("the signed authorization grants " + signed + ", which is not the start of the pending "
                    + pending);
        }
        for (AuthorizedMigration m : grant.migrations()) {
            MigrationScript script = expected.pending().get(m.version());
            if (!script.checksum().hex().equals(m.checksum())) {
                throw new Refused(script.fileName() + " has checksum " + script.checksum().hex()
                        + " but the ledger authorized " + m.checksum() + " for " + m.version()
                        + "; run ledger plan for the file as it is, and have it approved where approvals are required");
            }
        }
        return grant;
    }
}
