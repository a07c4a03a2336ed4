package dev.migrationledger.executor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LintCommandTest {

    @TempDir
    Path dir;

    private final CliRun cli = new CliRun();
    private final StringWriter out = cli.out;
    private final StringWriter err = cli.err;

    private int run(String... args) {
        return cli.run(args);
    }

    @Test
    void aCleanDirectoryExitsZeroWithASummary() throws IOException {
        Files.writeString(dir.resolve("V1__init.sql"), "CREATE TABLE t (id int);");
        Files.writeString(dir.resolve("V1_1__more.sql"),
                "-- ledger: ticket=OPS-1\nSET lock_timeout = '2s';\nALTER TABLE t ADD COLUMN n text;");

        assertThat(run("lint", "--dir", dir.toString())).isEqualTo(0);
        assertThat(out.toString())
                .containsPattern("1\\s+ADDITIVE\\s+LOW\\s+V1__init.sql")
                .containsPattern("1\\.1\\s+ADDITIVE\\s+LOW\\s+V1_1__more.sql")
                .containsPattern("2 migrations, 0 errors, 0 warnings, \\d+ notes");
    }

    @Test
    void errorFindingsExitOne() throws IOException {
        Files.writeString(dir.resolve("V1__drop.sql"), "DROP TABLE orders;");

        assertThat(run("lint", "--dir", dir.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("V1__drop.sql:1: ERROR ML001-drop-table drops table orders")
                .containsPattern("1 migrations, 1 errors, \\d+ warnings");
    }

    @Test
    void warningsAloneExitZero() throws IOException {
        Files.writeString(dir.resolve("V1__index.sql"), "CREATE INDEX i ON t (a);");

        assertThat(run("lint", "--dir", dir.toString())).isEqualTo(0);
        assertThat(out.toString()).contains("WARNING ML007-index-without-concurrently");
    }

    @Test
    void jsonPrintsMigrationsFindingsAndCounts() throws IOException {
        Files.writeString(dir.resolve("V2__drop.sql"),
                "-- ledger: phase=contract expands=1 rollback=restore ticket=OPS-2 author=ana class=destructive\n"
                        + "DROP TABLE orders;");

        assertThat(run("lint", "--dir", dir.toString(), "--json")).isEqualTo(0);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        JsonNode migration = json.get("migrations").get(0);
        assertThat(migration.get("version").asText()).isEqualTo("2");
        assertThat(migration.get("description").asText()).isEqualTo("drop");
        assertThat(migration.get("file").asText()).isEqualTo("V2__drop.sql");
        assertThat(migration.get("checksum").asText()).hasSize(64);
        assertThat(migration.get("changeClass").asText()).isEqualTo("DESTRUCTIVE");
        assertThat(migration.get("risk").asText()).isEqualTo("HIGH");
        assertThat(migration.get("phase").asText()).isEqualTo("CONTRACT");
        assertThat(migration.get("expands").asText()).isEqualTo("1");
        assertThat(migration.get("rollback").asText()).isEqualTo("RESTORE");
        assertThat(migration.get("ticket").asText()).isEqualTo("OPS-2");
        assertThat(migration.get("author").asText()).isEqualTo("ana");
        JsonNode drop = findingOf(json, "ML001-drop-table");
        assertThat(drop.get("severity").asText()).isEqualTo("WARNING");
        assertThat(drop.get("squawk").asText()).isEqualTo("ban-drop-table");
        assertThat(drop.get("line").asInt()).isEqualTo(2);
        assertThat(json.get("errors").asInt()).isZero();
        assertThat(json.get("warnings").asInt()).isEqualTo(2);
        assertThat(json.get("pgVersion").asText()).isEqualTo("15");
        assertThat(json.get("failOn").asText()).isEqualTo("ERROR");
    }

    static JsonNode findingOf(JsonNode report, String ruleId) {
        for (JsonNode f : report.get("findings")) {
            if (f.get("ruleId").asText().equals(ruleId)) {
                return f;
            }
        }
        throw new AssertionError("no " + ruleId + " finding in " + report.get("findings"));
    }

    @Test
    void aMissingDirectoryIsAUsageErrorSayingWhatToDo() {
        assertThat(run("lint", "--dir", dir.resolve("nope").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("does not exist").contains("--dir");
    }

    @Test
    void aScriptThatIsNotUtf8IsAConfigurationError() throws IOException {
        Files.write(dir.resolve("V1__latin1.sql"), "SELECT 'caf\u00e9';".getBytes(StandardCharsets.ISO_8859_1));

        assertThat(run("lint", "--dir", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("V1__latin1.sql").contains("UTF-8");
    }

    @Test
    void aMissingOptionIsAUsageError() {
        assertThat(run("lint")).isEqualTo(2);
        assertThat(err.toString()).contains("--dir");
    }

    @Test
    void ledgerAloneListsItsSubcommandsAndIsAUsageError() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("lint");
    }

    @Test
    void helpAndVersionExitZero() {
        assertThat(run("--help")).isEqualTo(0);
        assertThat(out.toString()).contains("lint");
        assertThat(run("lint", "--help")).isEqualTo(0);
        assertThat(run("--version")).isEqualTo(0);
        assertThat(out.toString()).contains("ledger");
    }

    @Test
    void mainsCommandLineMapsEscapingConfigurationErrorsToTwo() {
        CommandLine commandLine = LedgerCommand.commandLine();
        commandLine.setErr(new PrintWriter(err, true));

        assertThat(commandLine.execute("lint", "--dir", dir.resolve("nope").toString())).isEqualTo(2);
    }

    @Test
    void suppressedFindingsLeaveEveryFormatAndTheJsonCountsThemAndItsStaleEntries(@TempDir Path work) throws IOException {
        Files.writeString(dir.resolve("V1__drop.sql"), "DROP TABLE orders;");
        Files.writeString(dir.resolve("V2__gone.sql"), "DROP TABLE invoices;");
        String suppressions = work.resolve("s.json").toString();
        assertThat(run("lint", "--dir", dir.toString(), "--suppressions", suppressions, "--suppress-all")).isZero();
        Files.delete(dir.resolve("V2__gone.sql"));
        Files.writeString(dir.resolve("V3__new.sql"), "ALTER TABLE t DROP COLUMN c;");

        CliRun.Result json = CliRun.of("lint", "--dir", dir.toString(), "--suppressions", suppressions, "--format", "json");
        JsonNode report = new ObjectMapper().readTree(json.out());
        assertThat(json.exit()).isEqualTo(1);
        assertThat(report.get("findings")).allSatisfy(f -> assertThat(f.get("file").asText()).isEqualTo("V3__new.sql"));
        assertThat(report.get("suppressed").asLong()).isPositive();
        assertThat(report.get("staleSuppressions")).singleElement().satisfies(s -> {
            assertThat(s.get("file").asText()).isEqualTo("V2__gone.sql");
            assertThat(s.get("reason").asText()).isEqualTo("GONE");
            assertThat(s.get("rule").isNull()).isTrue();
        });

        CliRun.Result sarif = CliRun.of("lint", "--dir", dir.toString(), "--suppressions", suppressions, "--format", "sarif");
        assertThat(sarif.out()).contains("V3__new.sql").doesNotContain("V1__drop.sql\"");
        assertThat(sarif.err()).contains("stale suppression: V2__gone.sql: the file is no longer in the directory");

        CliRun.Result github = CliRun.of("lint", "--dir", dir.toString(), "--suppressions", suppressions, "--format", "github");
        assertThat(github.out()).contains("V3__new.sql,line=1,title=ML002-drop-column").doesNotContain("V1__drop.sql")
                .containsPattern("(?m)^2 migrations, 1 errors, \\d+ warnings, \\d+ notes, \\d+ suppressed$");
    }

    @Test
    void suppressAllAndPruneTogetherAreAUsageError() throws IOException {
        Files.writeString(dir.resolve("V1__init.sql"), "CREATE TABLE t (id int);");

        assertThat(run("lint", "--dir", dir.toString(), "--suppress-all", "--prune-suppressions")).isEqualTo(2);
        assertThat(err.toString()).contains("pass one of them");
    }
}
