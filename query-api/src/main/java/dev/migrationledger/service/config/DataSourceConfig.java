package dev.migrationledger.service.config;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The ledger's database: the PostgreSQL named by {@code LEDGER_DB_URL} or {@code spring.datasource.url},
 * else an embedded PostgreSQL (real binaries from Maven Central) whose data stays under
 * {@code LEDGER_HOME/pgdata} across restarts.
 */
@Configuration
public class DataSourceConfig {

    private static final Logger log = LoggerFactory.getLogger(DataSourceConfig.class);

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    public HikariDataSource dataSource(Environment env, LedgerProperties properties, EmbeddedDatabase embedded) {
        HikariDataSource dataSource = new HikariDataSource();
        String url = firstSet(env.getProperty("spring.datasource.url"), env.getProperty("LEDGER_DB_URL"));
        if (url == null) {
            dataSource.setJdbcUrl(embedded.start(properties.home()).getJdbcUrl("postgres", "postgres"));
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
        return dataSource;
    }

    @Bean(destroyMethod = "close")
    public EmbeddedDatabase embeddedDatabase() {
        return new EmbeddedDatabase();
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

        private EmbeddedPostgres postgres;

        synchronized EmbeddedPostgres start(Path home) {
            if (postgres == null) {
                Path data = home.resolve("pgdata");
                try {
                    Files.createDirectories(home);
                    postgres = EmbeddedPostgres.builder()
                            .setDataDirectory(data)
                            .setCleanDataDirectory(false)
                            .start();
                } catch (IOException e) {
                    throw new UncheckedIOException("could not start the embedded PostgreSQL in " + data
                            + "; set LEDGER_DB_URL to use an external PostgreSQL, or LEDGER_HOME to another directory", e);
                }
                log.info("Embedded PostgreSQL started on port {} with its data in {}", postgres.getPort(), data);
            }
            return postgres;
        }

        @Override
        public synchronized void close() throws IOException {
            if (postgres != null) {
                postgres.close();
                postgres = null;
            }
        }
    }
}
