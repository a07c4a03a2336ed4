package dev.migrationledger.executor.flyway;

import dev.migrationledger.ledger.domain.Version;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;

/**
 * Flyway, configured the way plain Flyway applies a filesystem directory, so that whatever plain Flyway
 * applies, the ledger applies to the same schema. Two deliberate settings: the PostgreSQL lock is a
 * session advisory lock instead of a transactional one (a transaction held open by the lock makes
 * {@code CREATE INDEX CONCURRENTLY} wait for itself forever), and {@code mixed} stays at Flyway's default
 * (false): a script of only non-transactional statements runs outside a transaction, a script mixing
 * both is refused, exactly as plain Flyway does. Flyway reads the scripts from {@link ScriptResources}, the
 * bytes the directory was read and checksummed from, never from the disk again.
 */
public final class FlywayEngine {

    private final TargetDatabase target;
    private final MigrationDirectory directory;

    public FlywayEngine(TargetDatabase target, MigrationDirectory directory) {
        this.target = target;
        this.directory = directory;
    }

    /** The configuration every run starts from: plain Flyway's for the directory, fed the bytes read once. */
    public static FluentConfiguration configure(TargetDatabase target, MigrationDirectory directory) {
        FluentConfiguration config = Flyway.configure()
                .dataSource(target.url(), target.user(), target.password())
                .locations("filesystem:" + directory.root().toAbsolutePath())
                .failOnMissingLocations(true)
                .resourceProvider(new ScriptResources(directory));
        config.getPluginRegister().getPlugin(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
        return config;
    }

    /**
     * Loads what the run's first Flyway call would otherwise load while it waits: the JDBC driver (one
     * connection opened and closed) and Flyway with its plugins (a configuration loaded, nothing executed).
     * {@code ledger migrate} does this beside reading the directory, which Flyway needs first; on two cores
     * the two overlap (docs/performance.md). It touches nothing and reports nothing: a target that cannot be
     * reached is reported by the run itself, with what to do.
     */
    public static void warmUp(TargetDatabase target) {
        try (Connection ignored = target.connect()) {
            // opening it is the point: the driver, its authentication and its type caches are loaded
        } catch (SQLException | RuntimeException unreachable) {
            return;
        }
        Flyway.configure().dataSource(target.url(), target.user(), target.password())
                .getPluginRegister().getPlugin(PostgreSQLConfigurationExtension.class);
    }

    /**
     * What a migrate would apply now, in Flyway's order: pending versions up to {@code upTo} (all when
     * null), then repeatables that are new or whose checksum changed.
     */
    public List<MigrationInfo> pending(String upTo) {
        FluentConfiguration config = configure(target, directory);
        if (upTo != null) {
            config.target(upTo);
        }
        List<MigrationInfo> pending = new ArrayList<>();
        for (MigrationInfo info : config.load().info().all()) {
            if (info.getState() == MigrationState.PENDING || info.getState() == MigrationState.OUTDATED) {
                pending.add(info);
            }
        }
        return pending;
    }

    /**
     * Applies pending migrations up to {@code lastVersioned} (no versioned migration when null). Throws
     * Flyway's exception when a migration fails; what did succeed stays applied and recorded in the history.
     */
    public MigrateResult migrate(String lastVersioned, Callback... callbacks) {
        FluentConfiguration config = configure(target, directory).callbacks(callbacks);
        // "current" leaves every pending versioned migration alone when only repeatables were authorized.
        config.target(lastVersioned == null ? "current" : lastVersioned);
        return config.load().migrate();
    }

    /** The ledger's key for a Flyway migration: the version key, or {@code R__<name>} for a repeatable. */
    public static String key(MigrationInfo info) {
        if (info.getVersion() != null) {
            return Version.parse(info.getVersion().getVersion()).key();
        }
        return repeatableKey(info.getScript()).orElseThrow();
    }

    /** {@code sub/R__Jobs_view.sql} → {@code R__Jobs_view}, as {@link MigrationFileName} names it. */
    static Optional<String> repeatableKey(String script) {
        if (script == null) {
            return Optional.empty();
        }
        String name = script.substring(Math.max(script.lastIndexOf('/'), script.lastIndexOf('\\')) + 1);
        return MigrationFileName.parse(name).map(n -> n.version().key());
    }
}
