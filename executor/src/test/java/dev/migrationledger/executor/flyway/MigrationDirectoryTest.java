package dev.migrationledger.executor.flyway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationledger.ledger.domain.ChangeClass;
import dev.migrationledger.ledger.domain.Phase;
import dev.migrationledger.ledger.domain.RollbackStrategy;
import dev.migrationledger.ledger.domain.Risk;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationDirectoryTest {

    @TempDir
    Path dir;

    private void write(String name, String sql) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, sql, StandardCharsets.UTF_8);
    }

    @Test
    void ordersVersionsNumericallyWithDottedAndUnderscoredSegments() throws IOException {
        for (String name : new String[] {"V10__ten.sql", "V2__two.sql", "V1_2__one_two.sql", "V1.1__one_one.sql",
                "V1__one.sql", "R__view.sql"}) {
            write(name, "SELECT 1;");
        }

        MigrationDirectory directory = MigrationDirectory.read(dir);

        assertThat(directory.scripts()).extracting(s -> s.version().value())
                .containsExactly("1", "1.1", "1.2", "2", "10", "R__view");
        assertThat(directory.scripts().get(2).description()).isEqualTo("one two");
    }

    @Test
    void repeatablesAreKeyedByTheirFileNameAndRunLast() throws IOException {
        write("R__Jobs_view.sql", "CREATE OR REPLACE VIEW j AS SELECT 1;");
        write("V1__init.sql", "CREATE TABLE t (id int);");

        MigrationScript repeatable = MigrationDirectory.read(dir).scripts().get(1);

        assertThat(repeatable.version().value()).isEqualTo("R__Jobs_view");
        assertThat(repeatable.isRepeatable()).isTrue();
        assertThat(repeatable.description()).isEqualTo("Jobs view");
    }

    @Test
    void skipsNonSqlFilesUndoMigrationsAndReportsMisnamedSqlFiles() throws IOException {
        write("V1__init.sql", "SELECT 1;");
        write("V2__readme.md", "# notes");
        write("U1__init.sql", "DROP TABLE t;");
        write("V3_missing_separator.sql", "SELECT 3;");
        write("V4a__not_a_version.sql", "SELECT 4;");

        MigrationDirectory directory = MigrationDirectory.read(dir);

        assertThat(directory.scripts()).extracting(MigrationScript::fileName).containsExactly("V1__init.sql");
        assertThat(directory.ignoredSqlFiles()).containsExactlyInAnyOrder("V3_missing_separator.sql", "V4a__not_a_version.sql");
    }

    @Test
    void readsNonAsciiFileNamesAndSubdirectories() throws IOException {
        write("V1__créer_tâches_日本.sql", "CREATE TABLE tâches (id int);");
        write("nested/V2__more.sql", "SELECT 1;");

        MigrationDirectory directory = MigrationDirectory.read(dir);

        assertThat(directory.scripts()).extracting(MigrationScript::description)
                .containsExactly("créer tâches 日本", "more");
        assertThat(directory.scripts().get(1).fileName()).isEqualTo("nested/V2__more.sql");
    }

    @Test
    void twoFilesForOneVersionAreRejectedNamingBoth() throws IOException {
        write("V1__a.sql", "SELECT 1;");
        write("V1.0__b.sql", "SELECT 1;");

        assertThatThrownBy(() -> MigrationDirectory.read(dir))
                .isInstanceOf(MigrationDirectoryException.class)
                .hasMessageContaining("duplicate migration version")
                .hasMessageContaining("V1__a.sql").hasMessageContaining("V1.0__b.sql");
    }

    @Test
    void bomAndCrlfDoNotChangeTheChecksum() throws IOException {
        write("a/V1__unix.sql", "CREATE TABLE t (id int);\nSELECT 1;\n");
        Files.write(dir.resolve("b.sql"), new byte[0]);
        Path windows = Files.createDirectories(dir.resolve("b")).resolve("V2__windows.sql");
        byte[] body = "CREATE TABLE t (id int);\r\nSELECT 1;\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        Files.write(windows, withBom);

        MigrationDirectory directory = MigrationDirectory.read(dir);

        assertThat(directory.scripts().get(0).checksum()).isEqualTo(directory.scripts().get(1).checksum());
        assertThat(directory.scripts().get(1).text()).startsWith("CREATE").doesNotContain("\r");
    }

    @Test
    void invalidUtf8IsRejectedNamingTheFile() throws IOException {
        Files.write(dir.resolve("V1__latin1.sql"), "SELECT 'caf\u00e9';".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> MigrationDirectory.read(dir))
                .isInstanceOf(MigrationDirectoryException.class)
                .hasMessageContaining("V1__latin1.sql").hasMessageContaining("not valid UTF-8");
    }

    @Test
    void binaryFilesAreRejectedNamingTheFile() throws IOException {
        Files.write(dir.resolve("V1__dump.sql"), new byte[] {'S', 0, 'Q', 'L'});

        assertThatThrownBy(() -> MigrationDirectory.read(dir))
                .hasMessageContaining("V1__dump.sql").hasMessageContaining("NUL bytes");
    }

    @Test
    void filesOverTheSizeLimitAreRejectedNamingTheFile() throws IOException {
        write("V1__big.sql", "SELECT 1;".repeat(20));

        assertThatThrownBy(() -> MigrationDirectory.read(dir, 100))
                .hasMessageContaining("V1__big.sql").hasMessageContaining("over the limit of 100");
    }

    @Test
    void aMissingDirectoryIsAConfigurationError() {
        assertThatThrownBy(() -> MigrationDirectory.read(dir.resolve("absent")))
                .isInstanceOf(MigrationDirectoryException.class).hasMessageContaining("--dir");
    }

    @Test
    void declaredHeaderValuesWinOverInference() throws IOException {
        write("V1__drop.sql", """
                -- ledger: risk=critical phase=contract expands=0.9
                --         rollback=restore ticket=OPS-12 class=destructive author=ana
                DROP TABLE old_orders;""");
        write("V2__add.sql", "ALTER TABLE t ADD COLUMN n text;");

        MigrationScript declared = MigrationDirectory.read(dir).scripts().get(0);
        MigrationScript inferred = MigrationDirectory.read(dir).scripts().get(1);

        assertThat(declared).extracting(MigrationScript::risk, MigrationScript::phase, MigrationScript::rollback,
                        MigrationScript::ticket, MigrationScript::author)
                .containsExactly(Risk.CRITICAL, Phase.CONTRACT, RollbackStrategy.RESTORE, "OPS-12", "ana");
        assertThat(declared.expands().value()).isEqualTo("0.9");
        assertThat(inferred).extracting(MigrationScript::changeClass, MigrationScript::risk, MigrationScript::phase,
                        MigrationScript::rollback)
                .containsExactly(ChangeClass.ADDITIVE, Risk.LOW, Phase.NONE, RollbackStrategy.FORWARD_FIX);
    }
}
