package dev.migrationledger.service.projection;

import dev.migrationledger.ledger.testing.TestPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** V18 keeps every timeline of a database written before it: each event moves once into its own table. */
class TimelineEventUpgradeTest {

    @Test
    void anEventOnSeveralVersionRowsIsKeptOnceAndStillShownOnEach() {
        TestPostgres.Database db = TestPostgres.freshDatabase("timeline_upgrade");
        DriverManagerDataSource source = new DriverManagerDataSource(db.url(), db.user(), db.password());
        JdbcTemplate jdbc = new JdbcTemplate(source);
        Flyway.configure().dataSource(source).locations("classpath:db/migration").target("17").load().migrate();
        String authorized = "{\"executionId\": \"run-1\", \"migrations\": [{\"version\": \"1\"}, {\"version\": \"2\"}]}";
        for (String version : new String[] {"1", "2"}) {
            jdbc.update("INSERT INTO projection_timeline (project, version, global_index, type, environment, actor, "
                    + "occurred_at, recorded_at, summary, event) VALUES ('p', ?, 7, 'ExecutionAuthorized', 'dev', 'ci', "
                    + "now(), now(), 'authorized', ?::jsonb)", version, authorized);
        }
        jdbc.update("INSERT INTO projection_timeline (project, version, global_index, type, environment, actor, "
                + "occurred_at, recorded_at, summary, event) VALUES ('p', '1', 3, 'MigrationPlanned', NULL, 'ci', "
                + "now(), now(), 'planned', '{\"version\": \"1\"}'::jsonb)");

        Flyway.configure().dataSource(source).locations("classpath:db/migration").load().migrate();

        assertThat(jdbc.queryForList("SELECT global_index || ' ' || coalesce(event ->> 'executionId', event ->> 'version') FROM projection_timeline_event "
                + "ORDER BY global_index", String.class)).containsExactly("3 1", "7 run-1");
        assertThat(jdbc.queryForList("SELECT t.version || ' ' || (e.event -> 'migrations' -> 1 ->> 'version') "
                + "FROM projection_timeline t JOIN projection_timeline_event e USING (global_index) "
                + "WHERE t.global_index = 7 ORDER BY t.version", String.class)).containsExactly("1 2", "2 2");
    }
}
