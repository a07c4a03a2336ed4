package dev.migrationledger.service.config;

import dev.migrationledger.ledger.testing.TestPostgres;
import dev.migrationledger.service.LedgerApplication;
import dev.migrationledger.service.LedgerIntegrationTest;
import dev.migrationledger.service.config.embedded.EmbeddedPostgresException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ConfigurableApplicationContext;

import java.sql.Connection;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The service refuses to start, saying why, rather than running against a database it cannot trust. */
class StartupRefusalTest {

    private static ConfigurableApplicationContext start(String url, String user, String password) {
        return new SpringApplicationBuilder(LedgerApplication.class).run("--server.port=0",
                "--spring.datasource.url=" + url, "--spring.datasource.username=" + user,
                "--spring.datasource.password=" + password,
                "--spring.datasource.hikari.initialization-fail-timeout=1",
                "--ledger.home=" + LedgerIntegrationTest.home("refusal"));
    }

    @Test
    void aSchemaNewerThanTheCodeIsRefusedWithAClearMessage() throws Exception {
        TestPostgres.Database db = TestPostgres.freshDatabase("newer_schema");
        start(db.url(), db.user(), db.password()).close();
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, "
                    + "installed_by, installed_on, execution_time, success) VALUES (999, '999', 'from the future', 'SQL', "
                    + "'V999__from_the_future.sql', 0, 'test', now(), 1, true)");
        }

        Throwable failure = catchThrowable(() -> start(db.url(), db.user(), db.password()));

        FailureAnalysis analysis = new StartupFailureAnalyzer().analyze(failure);
        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).contains("newer version");
    }

    @Test
    void anEmbeddedPostgresThatCannotStartIsExplainedWithWhatToDo() {
        Throwable failure = new org.springframework.beans.factory.BeanCreationException("dataSource", "failed",
                new EmbeddedPostgresException("/srv/ledger/pgdata is not empty and is not a PostgreSQL data directory",
                        "move it away if it is not the ledger's"));

        FailureAnalysis analysis = new StartupFailureAnalyzer().analyze(failure);

        assertThat(analysis.getDescription())
                .isEqualTo("The embedded PostgreSQL did not start: /srv/ledger/pgdata is not empty and is not a PostgreSQL data directory");
        assertThat(analysis.getAction()).isEqualTo("move it away if it is not the ledger's");
    }

    @Test
    void anUnreachableDatabaseIsRefusedWithAClearMessage() {
        Throwable failure = catchThrowable(() -> start("jdbc:postgresql://127.0.0.1:1/none", "postgres", ""));

        FailureAnalysis analysis = new StartupFailureAnalyzer().analyze(failure);
        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).startsWith("The ledger cannot reach its database");
        assertThat(analysis.getAction()).contains("LEDGER_DB_URL");
    }
}
