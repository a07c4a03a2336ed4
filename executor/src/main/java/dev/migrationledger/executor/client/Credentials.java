package dev.migrationledger.executor.client;

/**
 * What the client presents as {@code Authorization: Bearer …}: a stored ledger token, or an OIDC ID
 * token the CI job obtains for itself ({@link GitHubIdToken}, {@link IdTokenFile}). ID tokens live
 * minutes; a run may last longer, so the client asks for the token per request and, when the ledger
 * refuses one (401), renews it once and tries again.
 */
public interface Credentials {

    /** The bearer value to send now. */
    String token();

    /** Gets a fresh token after the ledger refused the last one; false when there is nothing to renew. */
    default boolean renew() {
        return false;
    }

    /** A token that never changes: {@code --token} / {@code LEDGER_TOKEN}. */
    static Credentials bearer(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("no ledger token: pass --token or set LEDGER_TOKEN, "
                    + "or use the CI job's identity (--oidc github, --oidc-token-file FILE)");
        }
        String value = token.strip();
        return () -> value;
    }
}
