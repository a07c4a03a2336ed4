package dev.migrationledger.executor.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationledger.executor.flyway.FlywayHistoryTable;
import dev.migrationledger.executor.flyway.MigrationDirectory;
import dev.migrationledger.ledger.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** flyway_schema_history as real Flyway wrote it: baseline, repeatable runs, a failed row, an undo row. */
class FlywayHistoryTest {

    @TempDir
    Path dir;

    private static List<HistoryEntry> read(FlywayProject project, Path dir) throws Exception {
        try (Connection c = project.db.connect()) {
            return new FlywayHistory().read(c, dir);
        }
    }

    @Test
    void everyKindOfRowIsReadWithFlywaysOwnRecordOfIt() throws Exception {
        FlywayProject project = new FlywayProject(dir, TestPostgres.freshDatabase("flyway_rows"));
        project.adopt();
        project.failNonTransactional();
        project.undoV2();

        List<HistoryEntry> entries = read(project, null);

        assertThat(entries).extracting(HistoryEntry::version)
                .containsExactly("1", "2", "R__big_invoices", "R__big_invoices", "3", "2");
        assertThat(entries).extracting(e -> e.change().state())
                .containsExactly("BASELINE", "SQL", "SQL", "SQL", "SQL", "UNDO_SQL");
        assertThat(entries).extracting(HistoryEntry::success).containsExactly(true, true, true, true, false, true);
        assertThat(entries).extracting(HistoryEntry::sourceId).containsExactly("flyway_schema_history:1",
                "flyway_schema_history:2", "flyway_schema_history:3", "flyway_schema_history:4",
                "flyway_schema_history:5", "flyway_schema_history:6");
        assertThat(entries.get(2).change().toolChecksum()).isNotEqualTo(entries.get(3).change().toolChecksum());
        assertThat(entries.get(1).change().file()).isEqualTo("V2__add_note.sql");
        assertThat(entries.get(1).change().order()).isEqualTo(2L);
        assertThat(entries).allSatisfy(e -> assertThat(e.checksum()).as("no outbox, no --dir").isNull());
    }

    @Test
    void theOneReaderTellsRunsFromBaselineAndUndoRowsForTheOutboxAndLintVerify() throws Exception {
        FlywayProject project = new FlywayProject(dir, TestPostgres.freshDatabase("flyway_runs"));
        project.adopt();
        project.failNonTransactional();
        project.undoV2();

        try (Connection c = project.db.connect()) {
            FlywayHistoryTable table = FlywayHistoryTable.inCurrentSchema(c);
            assertThat(table.rowsAfter(c, 0)).filteredOn(FlywayHistoryTable.Row::isRun)
                    .extracting(FlywayHistoryTable.Row::key).containsExactly("2", "R__big_invoices", "R__big_invoices", "3");
            assertThat(table.rowsAfter(c, 4)).extracting(FlywayHistoryTable.Row::installedRank).containsExactly(5, 6);
            assertThat(table.maxRank(c)).isEqualTo(6);
        }
    }

    @Test
    void withTheDirectoryRowsWhoseCrc32MatchesAFileGetItsSha256() throws Exception {
        FlywayProject project = new FlywayProject(dir, TestPostgres.freshDatabase("flyway_dir"));
        project.adopt();
        MigrationDirectory files = MigrationDirectory.read(dir);

        List<HistoryEntry> entries = read(project, dir);

        String v2 = files.scripts().stream().filter(s -> s.version().key().equals("2")).findFirst().orElseThrow()
                .checksum().hex();
        String view = files.scripts().stream().filter(s -> s.version().isRepeatable()).findFirst().orElseThrow()
                .checksum().hex();
        assertThat(entries.get(1).checksum()).isEqualTo(v2);
        assertThat(entries.get(2).checksum()).as("the view's first run: the file changed since").isNull();
        assertThat(entries.get(3).checksum()).isEqualTo(view);
    }

    @Test
    void flywayCommunityCannotUndo() {
        FlywayProject project = new FlywayProject(dir, TestPostgres.freshDatabase("flyway_undo"));
        // Why the undo row above is written by hand: the real undo is not in the open-source edition.
        assertThatThrownBy(() -> project.flyway().undo()).hasMessageContaining("undo");
    }
}
