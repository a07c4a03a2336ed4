package dev.migrationledger.service.projection;

import dev.migrationledger.service.eventstore.Fixtures;
import dev.migrationledger.service.projection.compliance.ComplianceProjection;
import dev.migrationledger.service.projection.environmentstate.EnvironmentStateProjection;
import dev.migrationledger.service.projection.scripts.ScriptProjection;
import dev.migrationledger.service.projection.timeline.MigrationTimelineProjection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A read model's token is the measure of its progress only if its rows and its token commit together:
 * a trigger on token_entry records the transaction of every token write, and can refuse one.
 */
class ProjectionTransactionIntegrationTest extends ReadApiIntegrationTest {

    /** A row each read model writes for a planned migration, by processing group. */
    private static final Map<String, String> PLANNED_ROW = Map.of(
            EnvironmentStateProjection.GROUP, "SELECT xmin::text::bigint FROM projection_migration WHERE project = ?",
            MigrationTimelineProjection.GROUP, "SELECT xmin::text::bigint FROM projection_timeline WHERE project = ?",
            ComplianceProjection.GROUP, "SELECT xmin::text::bigint FROM compliance_migration WHERE project = ?",
            ScriptProjection.GROUP, "SELECT xmin::text::bigint FROM projection_script_version WHERE project = ?");

    @Autowired
    ProjectionProgress progress;

    @BeforeEach
    void recordTokenWrites() {
        jdbc.execute("CREATE TABLE token_write (processor VARCHAR(255) NOT NULL, txid BIGINT NOT NULL)");
        jdbc.execute("CREATE TABLE token_write_refused (processor VARCHAR(255) PRIMARY KEY)");
        jdbc.execute("""
                CREATE FUNCTION record_token_write() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF EXISTS (SELECT 1 FROM token_write_refused WHERE processor = NEW.processor_name) THEN
                        RAISE EXCEPTION 'token write refused for %', NEW.processor_name;
                    END IF;
                    INSERT INTO token_write VALUES (NEW.processor_name, txid_current());
                    RETURN NEW;
                END $$""");
        jdbc.execute("CREATE TRIGGER token_write BEFORE INSERT OR UPDATE ON token_entry "
                + "FOR EACH ROW EXECUTE FUNCTION record_token_write()");
    }

    @AfterEach
    void stopRecording() {
        jdbc.execute("DROP TRIGGER token_write ON token_entry");
        jdbc.execute("DROP FUNCTION record_token_write()");
        jdbc.execute("DROP TABLE token_write, token_write_refused");
    }

    @Test
    void eachReadModelsRowsAreWrittenInTheTransactionThatStoresItsToken() {
        commands.sendAndWait(Fixtures.project("one-tx"));
        commands.sendAndWait(Fixtures.plan("one-tx", "1"));
        assertThat(progress.awaitIndex(PLANNED_ROW.keySet(), lastIndex("one-tx"), Duration.ofSeconds(30))).isTrue();

        PLANNED_ROW.forEach((group, row) -> {
            List<Long> writers = jdbc.queryForList(row, Long.class, "one-tx");
            assertThat(writers).as(group).isNotEmpty();
            for (long xid : writers) {
                assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM token_write WHERE processor = ? AND txid % 4294967296 = ?",
                        Long.class, group, xid)).as(group + " token written by the rows' transaction").isEqualTo(1);
            }
        });
    }

    @Test
    void rowsAreNotCommittedWhileTheirTokenCannotBe() {
        jdbc.update("INSERT INTO token_write_refused VALUES (?)", EnvironmentStateProjection.GROUP);
        commands.sendAndWait(Fixtures.project("refused"));
        long registered = lastIndex("refused");

        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM projection_project WHERE id = 'refused'", Long.class) == 0);
        assertThat(progress.hasReached(EnvironmentStateProjection.GROUP, registered)).isFalse();
        // the timeline's token is not refused: it goes on (it has no row for a registration)
        assertThat(progress.awaitIndex(List.of(MigrationTimelineProjection.GROUP), registered, Duration.ofSeconds(10)))
                .isTrue();

        jdbc.update("DELETE FROM token_write_refused");
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM projection_project WHERE id = 'refused'", Long.class) == 1);
        assertThat(progress.awaitIndex(List.of(EnvironmentStateProjection.GROUP), registered, Duration.ofSeconds(30)))
                .isTrue();
    }
}
