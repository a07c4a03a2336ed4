package dev.migrationledger.executor.flyway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationledger.ledger.domain.ChangeClass;
import dev.migrationledger.ledger.domain.Phase;
import dev.migrationledger.ledger.domain.RollbackStrategy;
import dev.migrationledger.ledger.domain.Risk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ledger-metadata.toml: a header for scripts that must not change, read exactly like one. */
class MetadataSidecarTest {

    /** Every key a sidecar entry can declare, for the script of version 2.1. */
    static final String SAMPLE = """
            version = 1

            [migrations."2.1"]
            class = "destructive"
            phase = "contract"
            expands = "2"
            risk = "high"
            rollback = "down"
            ticket = "OPS-12"
            owner = "ana"
            """;

    @TempDir
    Path dir;

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    @Test
    void anEntryDeclaresWhatAHeaderWouldForTheScriptOfItsVersion() throws IOException {
        write("V2.1__drop_note.sql", "ALTER TABLE invoices DROP COLUMN note;");
        write("V3__add.sql", "CREATE TABLE t (id int);");
        write(MetadataSidecar.FILE_NAME, SAMPLE);

        MigrationDirectory directory = MigrationDirectory.read(dir);
        MigrationScript declared = directory.scripts().get(0);

        assertThat(declared.changeClass()).isEqualTo(ChangeClass.DESTRUCTIVE);
        assertThat(declared.phase()).isEqualTo(Phase.CONTRACT);
        assertThat(declared.expands().value()).isEqualTo("2");
        assertThat(declared.risk()).isEqualTo(Risk.HIGH);
        assertThat(declared.rollback()).isEqualTo(RollbackStrategy.DOWN_SCRIPT);
        assertThat(declared.ticket()).isEqualTo("OPS-12");
        assertThat(declared.author()).isEqualTo("ana");
        assertThat(declared.header().changeClass()).as("lint reads the header: the sidecar is part of it")
                .isEqualTo(ChangeClass.DESTRUCTIVE);
        assertThat(directory.scripts().get(1).header()).isEqualTo(ScriptHeader.NONE);
        assertThat(directory.ignoredSqlFiles()).isEmpty();
    }

    @Test
    void anEntryCompletesAHeaderThatAgreesWithIt() throws IOException {
        write("V1__init.sql", "-- ledger: risk=low ticket=OPS-1\nCREATE TABLE t (id int);");
        write("R__view.sql", "CREATE OR REPLACE VIEW v AS SELECT 1;");
        write(MetadataSidecar.FILE_NAME, """
                version = 1
                [migrations."V1"]
                risk = "LOW"
                author = "ana"
                [migrations."R__view"]
                ticket = "OPS-2"
                """);

        MigrationDirectory directory = MigrationDirectory.read(dir);

        assertThat(directory.scripts().get(0).risk()).isEqualTo(Risk.LOW);
        assertThat(directory.scripts().get(0).ticket()).isEqualTo("OPS-1");
        assertThat(directory.scripts().get(0).author()).isEqualTo("ana");
        assertThat(directory.scripts().get(1).ticket()).isEqualTo("OPS-2");
    }

    @Test
    void aHeaderAndAnEntryThatDisagreeAreAUsageErrorNamingBoth() throws IOException {
        write("V1__init.sql", "-- ledger: risk=low\nCREATE TABLE t (id int);");
        write(MetadataSidecar.FILE_NAME, "version = 1\n[migrations.\"1\"]\nrisk = \"high\"\n");

        assertThatThrownBy(() -> MigrationDirectory.read(dir))
                .isInstanceOf(MigrationDirectoryException.class)
                .hasMessageContaining("V1__init.sql declares risk=low in its header")
                .hasMessageContaining(MetadataSidecar.FILE_NAME + " [migrations.\"1\"] declares risk=high")
                .hasMessageContaining("leave risk out of the sidecar entry")
                .hasMessageNotContaining("edit");
    }

    @Test
    void anEntryForAVersionTheDirectoryLacksIsAUsageError() throws IOException {
        write("V1__init.sql", "CREATE TABLE t (id int);");
        write(MetadataSidecar.FILE_NAME, "version = 1\n[migrations.\"99\"]\nrisk = \"high\"\n");

        assertThatThrownBy(() -> MigrationDirectory.read(dir))
                .isInstanceOf(MigrationDirectoryException.class)
                .hasMessage(MetadataSidecar.FILE_NAME + ": [migrations.\"99\"] names no migration of the directory; give "
                        + "the version of an existing V…__….sql (or R__….sql) file, or remove the entry");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not TOML               | version = = 1                                    | fix the TOML syntax",
            "empty                  | ''                                               | 'version = 1' is required",
            "no version             | [migrations.\"1\"]\\nrisk = \"low\"                | 'version = 1' is required",
            "another version        | version = 2                                      | 'version = 1' is required",
            "unknown key            | version = 1\\nstrict = true                      | unknown key 'strict'",
            "migrations not a table | version = 1\\nmigrations = 3                     | 'migrations' must be tables",
            "not a version          | version = 1\\n[migrations.\"one\"]\\nrisk = \"low\" | [migrations.\"one\"]: a version is numbers",
            "unquoted dotted key    | version = 1\\n[migrations.2.1]\\nrisk = \"low\"   | [migrations.\"2\"].1 is a table: quote a dotted version, [migrations.\"2.1\"]",
            "same version twice     | version = 1\\n[migrations.\"1\"]\\n[migrations.\"1.0\"] | [migrations.\"1\"] and [migrations.\"1.0\"] are the same version",
            "entry not a table      | version = 1\\nmigrations.\"1\" = \"low\"          | [migrations.\"1\"] must be a table",
            "unknown header key     | version = 1\\n[migrations.\"1\"]\\nsize = \"big\"  | unknown header key 'size'",
            "bad value              | version = 1\\n[migrations.\"1\"]\\nrisk = \"huge\" | bad value for 'risk': expected one of low|medium|high|critical",
            "a float                | version = 1\\n[migrations.\"1\"]\\nexpands = 2.1   | [migrations.\"1\"].expands must be a string",
            "a list                 | version = 1\\n[migrations.\"1\"]\\nticket = [1]    | [migrations.\"1\"].ticket must be a string",
    })
    void everyMistakeIsAUsageErrorThatSaysWhere(String what, String toml, String message) {
        assertThatThrownBy(() -> MetadataSidecar.parse(toml.replace("\\n", "\n")))
                .as(what)
                .isInstanceOf(MigrationDirectoryException.class)
                .hasMessageStartingWith(MetadataSidecar.FILE_NAME + ": ")
                .hasMessageContaining(message);
    }

    @Test
    void aWholeNumberIsAVersionForExpands() throws IOException {
        write("V41__expand.sql", "ALTER TABLE t ADD COLUMN n text;");
        write("V42__contract.sql", "ALTER TABLE t DROP COLUMN o;");
        write(MetadataSidecar.FILE_NAME, "version = 1\n[migrations.\"42\"]\nphase = \"contract\"\nexpands = 41\n");

        assertThat(MigrationDirectory.read(dir).scripts().get(1).expands().value()).isEqualTo("41");
    }
}
