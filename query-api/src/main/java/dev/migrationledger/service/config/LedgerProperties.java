package dev.migrationledger.service.config;

import dev.migrationledger.service.config.embedded.EmbeddedPostgresSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The service's own settings ({@code ledger.*}); see docs/operations.md.
 *
 * @param home               where the embedded database, the admin token and the keys live
 * @param snapshotThreshold  events of one project after which its aggregate is snapshotted
 * @param gapTimeout         how long processors wait for a missing global index to commit before
 *                           giving up on it; far above any command transaction, because an event
 *                           skipped here is skipped for good by every processor, the Merkle log too
 * @param origin             the log origin (C2SP checkpoint origin line and key name)
 * @param keyPath            the log's Ed25519 PKCS#8 private key; null: {@code home/ledger-key.pem},
 *                           generated on first start
 * @param checkpointInterval how often a checkpoint is signed while the log grows (SPEC: at most 10 s)
 * @param maxRequestBytes    larger request bodies are refused with 413 before parsing
 * @param embeddedPostgres   how the embedded PostgreSQL runs when no database is configured
 * @param authorizationValidity how long a signed authorization may be used to start applying (SPEC §10)
 * @param aggregateCacheEntries what the aggregates kept in memory between commands may hold together, in
 *                           state entries (a fact, an approval, a planned version... each count one; least
 *                           recently used projects leave first); 0: a quarter of the heap at 512 bytes an
 *                           entry (an entry measured 170 bytes for a plain applied fact, ~300 with a review)
 * @param aggregateCacheIdle a project not commanded for this long leaves the cache
 * @param snapshotLoadTime   a project whose load took this long is snapshotted at its next event, before
 *                           {@code snapshotThreshold} events
 * @param tokenCacheTtl      how long an API token's lookup is reused; a revoked token stops working within
 *                           this bound on every instance (at once on the instance that revoked it)
 * @param commandBatch       at most this many concurrent commands for one project are committed together
 *                           (group commit); 1 commits each alone
 */
@ConfigurationProperties("ledger")
public record LedgerProperties(@DefaultValue("${user.home}/.migration-ledger") Path home,
                               @DefaultValue("100") int snapshotThreshold,
                               @DefaultValue("PT10M") Duration gapTimeout,
                               @DefaultValue("migration-ledger.local/log") String origin,
                               Path keyPath,
                               @DefaultValue("PT10S") Duration checkpointInterval,
                               @DefaultValue("1048576") long maxRequestBytes,
                               @DefaultValue EmbeddedPostgresSettings embeddedPostgres,
                               @DefaultValue("PT1H") Duration authorizationValidity,
                               @DefaultValue("0") long aggregateCacheEntries,
                               @DefaultValue("PT30M") Duration aggregateCacheIdle,
                               @DefaultValue("PT0.2S") Duration snapshotLoadTime,
                               @DefaultValue("PT5S") Duration tokenCacheTtl,
                               @DefaultValue("64") int commandBatch) {

    public LedgerProperties {
        // Refused at start-up: the ledger would otherwise reject every authorization request with this value.
        if (aggregateCacheEntries < 0) {
            throw new IllegalArgumentException("ledger.aggregate-cache-entries is 0 (from the heap) or more, got "
                    + aggregateCacheEntries);
        }
        if (authorizationValidity.isNegative() || authorizationValidity.isZero()
                || authorizationValidity.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("ledger.authorization-validity is more than nothing and at most P1D, got "
                    + authorizationValidity);
        }
    }

    /** The aggregate cache's bound in state entries: as configured, else from the heap the JVM may use. */
    public long aggregateCacheBound() {
        return aggregateCacheEntries > 0 ? aggregateCacheEntries : Math.max(1_000, Runtime.getRuntime().maxMemory() / 4 / 512);
    }

    /** Where the private key is read from and, on first start or rotation, written to. */
    public Path privateKeyFile() {
        return keyPath != null ? keyPath : home.resolve("ledger-key.pem");
    }

    /** The public key beside the private one, for auditors to copy. */
    public Path publicKeyFile() {
        Path key = privateKeyFile();
        return key.resolveSibling("ledger-pub.pem");
    }
}
