package dev.migrationledger.executor.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationledger.ledger.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code databasechangelog} as real Liquibase wrote it, from YAML, XML and formatted-SQL changelogs. */
class LiquibaseHistoryTest {

    @TempDir
    Path dir;

    private static List<HistoryEntry> read(TestPostgres.Database db) throws Exception {
        try (Connection c = db.connect()) {
            return new LiquibaseHistory().read(c, null);
        }
    }

    @Test
    void everyChangesetKeepsItsIdentityChecksumOrderExecTypeDeploymentAndTag() throws Exception {
        LiquibaseProject project = new LiquibaseProject(dir, TestPostgres.freshDatabase("lb_history"));
        project.update();

        List<HistoryEntry> entries = read(project.db);

        // The failing changeset (failOnError=false) is not there: Liquibase 4 writes no FAILED row.
        assertThat(entries).extracting(HistoryEntry::sourceId).containsExactly(
                "db/changelog.yaml::create-invoice::alice", "db/changelog.yaml::legacy-import::alice",
                "db/changelog.yaml::big-invoices-view::alice", "db/more.xml::add-note::bob",
                "db/more.xml::release-1::bob", "db/indexes.sql::invoice-amount-index::carol");
        assertThat(entries).extracting(HistoryEntry::version).containsExactly("1", "2", "3", "4", "5", "6");
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.success()).isTrue();
            assertThat(e.checksum()).as("MD5SUM is not our checksum").isNull();
            assertThat(e.change().toolChecksum()).matches("9:[0-9a-f]{32}");
            assertThat(e.change().deploymentId()).hasSize(10).isEqualTo(entries.get(0).change().deploymentId());
            assertThat(e.installedAt()).isNotNull();
            assertThat(e.change().changeId()).isEqualTo(e.sourceId());
        });
        assertThat(entries).extracting(e -> e.change().state())
                .containsExactly("EXECUTED", "MARK_RAN", "EXECUTED", "EXECUTED", "EXECUTED", "EXECUTED");
        HistoryEntry first = entries.get(0);
        assertThat(first.change().author()).isEqualTo("alice");
        assertThat(first.change().file()).isEqualTo("db/changelog.yaml");
        assertThat(first.change().order()).isEqualTo(1L);
        assertThat(first.description()).startsWith("create-invoice: createTable");
        assertThat(entries.get(4).change().tag()).isEqualTo("release-1");
    }

    @Test
    void aRunOnChangeChangesetThatReRanMovesToTheEndWithANewChecksum() throws Exception {
        LiquibaseProject project = new LiquibaseProject(dir, TestPostgres.freshDatabase("lb_rerun"));
        project.update();
        HistoryEntry before = read(project.db).get(2);

        project.changeView();
        project.update();
        project.tag("release-2");
        List<HistoryEntry> after = read(project.db);

        HistoryEntry rerun = after.get(after.size() - 1);
        assertThat(rerun.sourceId()).isEqualTo(before.sourceId());
        assertThat(rerun.change().state()).isEqualTo("RERAN");
        assertThat(rerun.change().order()).isGreaterThan(before.change().order());
        assertThat(rerun.change().toolChecksum()).isNotEqualTo(before.change().toolChecksum());
        assertThat(rerun.change().tag()).isEqualTo("release-2");
        assertThat(after).hasSize(6);
    }
}
