package dev.migrationledger.executor.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationledger.ledger.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Alembic revision chain, read from the versions directory and the heads real Alembic left in alembic_version. */
class AlembicHistoryTest {

    @TempDir
    Path dir;

    /** a1 → b1, and a labelled branch c1 → c2 (c2 depends on a1); m1 merges b1 and c2. */
    private AlembicProject branched(String purpose, boolean merged) throws Exception {
        AlembicProject.assumeAlembic();
        AlembicProject project = new AlembicProject(dir, TestPostgres.freshDatabase(purpose));
        project.revision("a1", "create invoice", "CREATE TABLE invoice (id int PRIMARY KEY)");
        project.revision("b1", "add note", "ALTER TABLE invoice ADD COLUMN note text", "--head", "a1");
        project.revision("c1", "audit base", "CREATE TABLE audit (id int)", "--head", "base", "--branch-label", "audit");
        project.revision("c2", "audit invoice", "ALTER TABLE audit ADD COLUMN invoice_id int", "--head", "audit@head",
                "--depends-on", "a1");
        if (merged) {
            project.merge("m1", "merge audit", "b1", "c2");
        }
        return project;
    }

    private static List<HistoryEntry> read(AlembicProject project) throws Exception {
        try (Connection c = project.db.connect()) {
            return new AlembicHistory().read(c, project.versions);
        }
    }

    @Test
    void everyRevisionAtOrBelowTheHeadIsRecordedInChainOrder() throws Exception {
        AlembicProject project = branched("alembic_chain", true);
        project.upgrade("heads");

        List<HistoryEntry> entries = read(project);

        assertThat(entries).extracting(e -> e.change().changeId()).containsExactly("a1", "b1", "c1", "c2", "m1");
        assertThat(entries).extracting(HistoryEntry::version).containsExactly("1", "2", "3", "4", "5");
        assertThat(entries).extracting(HistoryEntry::description)
                .containsExactly("create invoice", "add note", "audit base", "audit invoice", "merge audit");
        assertThat(entries).extracting(HistoryEntry::sourceId).startsWith("alembic:a1");
        assertThat(entries.get(4).change().parents()).containsExactly("b1", "c2");
        assertThat(entries.get(2).change().branchLabels()).containsExactly("audit");
        assertThat(entries.get(2).change().parents()).isEmpty();
        assertThat(entries.get(3).change().dependsOn()).containsExactly("a1");
        assertThat(entries).allSatisfy(e -> assertThat(e.success()).isTrue());
    }

    @Test
    void unmergedHeadsBringTheirWholeBranches() throws Exception {
        AlembicProject project = branched("alembic_heads", false);
        project.upgrade("heads");

        assertThat(read(project)).extracting(e -> e.change().changeId()).containsExactly("a1", "b1", "c1", "c2");
    }

    @Test
    void onlyWhatTheHeadsReachIsApplied() throws Exception {
        AlembicProject project = branched("alembic_partial", true);
        project.upgrade("b1");

        assertThat(read(project)).extracting(e -> e.change().changeId()).containsExactly("a1", "b1");
    }

    @Test
    void theChainNeedsTheVersionsDirectoryThatMatchesTheDatabase() throws Exception {
        AlembicProject project = branched("alembic_dir", false);
        project.upgrade("heads");
        try (Connection c = project.db.connect()) {
            assertThatThrownBy(() -> new AlembicHistory().read(c, null)).isInstanceOf(HistoryImportException.class)
                    .hasMessageContaining("add --dir with Alembic's versions directory");
            c.createStatement().execute("UPDATE alembic_version SET version_num = 'ffff' WHERE version_num = 'b1'");
            assertThatThrownBy(() -> new AlembicHistory().read(c, project.versions))
                    .hasMessageContaining("head ffff, which no revision file in");
        }
    }

    @Test
    void annotatedAndMultiLineAssignmentsAreRead() {
        AlembicRevisions.Revision r = AlembicRevisions.parse("3f2a_merge.py", """
                \"\"\"merge the billing branches

                Revision ID: 3f2a
                \"\"\"
                from typing import Sequence, Union

                revision: str = "3f2a"
                down_revision: Union[str, Sequence[str], None] = (
                    "1b2c",  # billing
                    "9d8e",
                )
                branch_labels: Union[str, Sequence[str], None] = None
                depends_on: Union[str, Sequence[str], None] = ["networking"]
                """);

        assertThat(r.id()).isEqualTo("3f2a");
        assertThat(r.parents()).containsExactly("1b2c", "9d8e");
        assertThat(r.branchLabels()).isEmpty();
        assertThat(r.dependsOn()).containsExactly("networking");
        assertThat(r.message()).isEqualTo("merge the billing branches");
        assertThatThrownBy(() -> AlembicRevisions.parse("x.py", "revision = make_id()\n"))
                .hasMessageContaining("without running them");
    }
}
