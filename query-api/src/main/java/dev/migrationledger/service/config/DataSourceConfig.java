package dev.migrationledger.service.config;

import com.zaxxer.hikari.HikariDataSource;
import dev.migrationledger.service.config.embedded.EmbeddedPostgresServer;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The ledger's database: the PostgreSQL named by {@code LEDGER_DB_URL} or {@code spring.datasource.url},
 * else an embedded PostgreSQL (real binaries from Maven Central, run durably by
 * {@link EmbeddedPostgresServer}) whose data stays under {@code LEDGER_HOME/pgdata} across restarts.
 */
@Configuration
public class DataSourceConfig {

    /**
     * The pooled streaming processors (environment-state, migration-timeline, compliance, identity-rules,
     * merkle-log, notifications, scripts): each holds up to two connections at once, its coordinator claiming
     * segments while its worker commits a batch; plus the commit listener's connection and the webhook
     * dispatcher's.
     */
    static final int PROCESSOR_CONNECTIONS = 7 * 2 + 2;

    /**
     * Hikari's default of 10 was shared with processors that can hold 12, so commands queued behind the
     * read models. Commands and queries get the PostgreSQL rule of thumb (two per core, plus one) on top
     * of what the processors hold; {@code spring.datasource.hikari.maximum-pool-size} still overrides it.
     */
    static int defaultPoolSize(int cores) {
        return PROCESSOR_CONNECTIONS + 2 * cores + 1;
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    public HikariDataSource dataSource(Environment env, EmbeddedDatabase embedded) {
        HikariDataSource dataSource = new HikariDataSource();
        String url = firstSet(env.getProperty("spring.datasource.url"), env.getProperty("LEDGER_DB_URL"));
        if (url == null) {
            dataSource.setJdbcUrl(embedded.start());
        } else {
            dataSource.setJdbcUrl(url);
            String user = firstSet(env.getProperty("spring.datasource.username"), env.getProperty("LEDGER_DB_USER"));
            String password = firstSet(env.getProperty("spring.datasource.password"), env.getProperty("LEDGER_DB_PASSWORD"));
            if (user != null) {
                dataSource.setUsername(user);
            }
            if (password != null) {
                dataSource.setPassword(password);
            }
        }
        dataSource.setPoolName("ledger");
        // set before Spring binds spring.datasource.hikari.*, so a configured size wins
        dataSource.setMaximumPoolSize(defaultPoolSize(Runtime.getRuntime().availableProcessors()));
        return dataSource;
    }

    /**
     * Started only when no database is configured. Spring closes it after the beans that use the pool
     * (the pool depends on it), and the lifecycle (web server, event processors) stops before any bean is
     * closed: so on SIGTERM the database goes last.
     */
    @Bean(destroyMethod = "close")
    public EmbeddedDatabase embeddedDatabase(LedgerProperties properties) {
        return new EmbeddedDatabase(properties);
    }

    private static String firstSet(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    /** Holds the embedded server, if one was started, so that it stops with the application. */
    public static final class EmbeddedDatabase implements AutoCloseable {

        private final LedgerProperties properties;
        private EmbeddedPostgresServer server;

        EmbeddedDatabase(LedgerProperties properties) {
            this.properties = properties;
        }

        synchronized String start() {
            if (server == null) {
                server = new EmbeddedPostgresServer(properties.home(), properties.embeddedPostgres());
            }
            return server.start();
        }

        @Override
        public synchronized void close() {
            if (server != null) {
                server.close();
                server = null;
            }
        }
    }
}
