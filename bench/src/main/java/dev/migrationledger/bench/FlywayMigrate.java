package dev.migrationledger.bench;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;

/**
 * {@code bench.jar flyway-migrate}: plain Flyway with the settings {@code ledger migrate} gives its engine
 * (executor FlywayEngine: filesystem location, fail on missing location, session advisory lock instead of
 * the transactional one), so the comparison differs only by what the ledger adds.
 */
final class FlywayMigrate {

    private FlywayMigrate() {
    }

    static int run(String dir, String url, String user) {
        String password = System.getenv().getOrDefault("LEDGER_DB_PASSWORD", "");
        FluentConfiguration config = Flyway.configure()
                .dataSource(url, user, password)
                .locations("filesystem:" + java.nio.file.Path.of(dir).toAbsolutePath())
                .failOnMissingLocations(true);
        config.getPluginRegister().getPlugin(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
        MigrateResult result = config.load().migrate();
        System.out.println("flyway: " + result.migrationsExecuted + " migrations applied");
        return result.success ? 0 : 1;
    }
}
