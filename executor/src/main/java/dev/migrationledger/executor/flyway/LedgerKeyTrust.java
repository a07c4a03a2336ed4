package dev.migrationledger.executor.flyway;

import dev.migrationledger.executor.client.LedgerClient;
import dev.migrationledger.ledger.integrity.LogPublicKey;
import dev.migrationledger.ledger.wire.KeysResponse.ListedKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The ledger key a run trusts to have signed its authorization. Either the operator's ({@code --ledger-key
 * PUB.pem}), which is then pinned, or the one pinned in the target's {@code migration_ledger.ledger_key}, or —
 * on the very first run against a target — the ledger's current key, fetched once and pinned (trust on first
 * use). A pinned key never changes by itself: an answer signed by any other key is refused, so a proxy or a
 * mistyped {@code LEDGER_URL} cannot start signing for the ledger later. After a key rotation the operator
 * passes the new key with {@code --ledger-key} once.
 */
public final class LedgerKeyTrust {

    /** The key name C2SP key ids commit to when nothing else names one: the service's default log origin. */
    static final String DEFAULT_NAME = "migration-ledger.local/log";

    /** The operator's key: the PEM text and, optionally, its C2SP name. */
    public record GivenKey(String pem, String name) {
    }

    private final Connection connection;
    private final LedgerClient client;
    private final Progress progress;

    LedgerKeyTrust(Connection connection, LedgerClient client, Progress progress) {
        this.connection = connection;
        this.client = client;
        this.progress = progress;
    }

    void ensureTable() throws SQLException {
        connection.createStatement().execute("CREATE TABLE IF NOT EXISTS " + LedgerOutbox.SCHEMA + ".ledger_key ("
                + " singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton), key_name text NOT NULL,"
                + " key_id text NOT NULL, public_pem text NOT NULL, source text NOT NULL,"
                + " pinned_at timestamptz NOT NULL DEFAULT now())");
    }

    /** @param given the operator's key, or null to use the pinned one (pinning the ledger's on first use) */
    LogPublicKey trusted(GivenKey given) throws SQLException {
        LogPublicKey pinned = pinned();
        if (given != null) {
            LogPublicKey key = LogPublicKey.fromPem(given.name() != null ? given.name() : nameOf(given.pem()), given.pem());
            if (!key.equals(pinned)) {
                pin(key, "--ledger-key");
                progress.info("pinned the ledger key " + key + " given with --ledger-key in the target"
                        + (pinned == null ? "" : ", replacing " + pinned));
            }
            return key;
        }
        if (pinned != null) {
            return pinned;
        }
        var keys = client.keys();
        ListedKey current = keys.keys().stream().filter(k -> k.keyId().equals(keys.current())).findFirst()
                .orElseThrow(() -> new IllegalStateException("the ledger lists no current key at GET /api/v1/keys"));
        LogPublicKey key = LogPublicKey.fromPem(current.keyName(), current.publicKey());
        pin(key, "first use");
        progress.info("trusting the ledger key " + key + " on first use and pinning it in the target "
                + "(migration_ledger.ledger_key); pass --ledger-key PUB.pem to pin a key obtained out of band instead");
        return key;
    }

    private LogPublicKey pinned() throws SQLException {
        try (ResultSet rs = connection.createStatement().executeQuery("SELECT key_name, public_pem FROM "
                + LedgerOutbox.SCHEMA + ".ledger_key")) {
            return rs.next() ? LogPublicKey.fromPem(rs.getString(1), rs.getString(2)) : null;
        }
    }

    private void pin(LogPublicKey key, String source) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("INSERT INTO " + LedgerOutbox.SCHEMA
                + ".ledger_key (key_name, key_id, public_pem, source) VALUES (?, ?, ?, ?) ON CONFLICT (singleton) DO UPDATE"
                + " SET key_name = EXCLUDED.key_name, key_id = EXCLUDED.key_id, public_pem = EXCLUDED.public_pem,"
                + " source = EXCLUDED.source, pinned_at = now()")) {
            st.setString(1, key.name());
            st.setString(2, key.keyIdHex());
            st.setString(3, key.toPem());
            st.setString(4, source);
            st.executeUpdate();
        }
    }

    /**
     * The name of a key given without one: the name the ledger lists for the same key bytes, else the default
     * origin. The key id commits to the name, so a wrong name can only make verification fail, never pass.
     */
    private String nameOf(String pem) {
        byte[] bytes = LogPublicKey.fromPem(DEFAULT_NAME, pem).key();
        for (ListedKey listed : client.keys().keys()) {
            try {
                if (java.util.Arrays.equals(LogPublicKey.fromPem(listed.keyName(), listed.publicKey()).key(), bytes)) {
                    return listed.keyName();
                }
            } catch (IllegalArgumentException unreadable) {
                // a listed key that does not parse cannot be the operator's
            }
        }
        return DEFAULT_NAME;
    }
}
