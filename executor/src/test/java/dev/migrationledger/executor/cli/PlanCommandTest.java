package dev.migrationledger.executor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationledger.executor.client.FakeLedger;
import dev.migrationledger.executor.client.LedgerJson;
import dev.migrationledger.executor.exit.ExitCodes;
import dev.migrationledger.executor.flyway.MetadataSidecar;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PlanCommandTest {

    @TempDir
    Path dir;

    private final FakeLedger ledger = new FakeLedger();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    PlanCommandTest() throws IOException {
    }

    @AfterEach
    void stop() {
        ledger.close();
    }

    private int plan(String... extra) {
        CommandLine commandLine = LedgerCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        String[] base = {"plan", "--project", "billing", "--dir", dir.toString(), "--url", ledger.url(), "--token", "t", "--retries", "1"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return commandLine.execute(args);
    }

    @Test
    void sendsEveryMigrationAndPrintsTheOutcomes() throws IOException {
        Files.writeString(dir.resolve("V1__init.sql"), "CREATE TABLE t (id int);");
        Files.writeString(dir.resolve("V1_1__more.sql"), "-- ledger: ticket=OPS-1 author=ana\nALTER TABLE t ADD COLUMN n text;");

        assertThat(plan()).as(err.toString()).isZero();

        JsonNode sent = ledger.requestsTo("/projects/billing/migrations").get(0).body().get("migrations");
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0).get("version").asText()).isEqualTo("1");
        assertThat(sent.get(0).has("author")).as("no header author: the service defaults to the token's principal").isFalse();
        assertThat(sent.get(1).get("author").asText()).isEqualTo("ana");
        assertThat(sent.get(1).get("ticket").asText()).isEqualTo("OPS-1");
        assertThat(sent.get(1).get("checksum").asText()).hasSize(64);
        assertThat(sent.get(1).get("changeClass").asText()).isEqualTo("ADDITIVE");
        assertThat(out.toString()).containsPattern("1\\.1\\s+PLANNED\\s+more");
    }

    @Test
    void eachScriptTextTheLedgerLacksIsUploadedOnceWithItsLintFindings() throws IOException {
        Files.writeString(dir.resolve("V1__init.sql"), "CREATE TABLE t (id int);\r\n");
        Files.writeString(dir.resolve("V2__index.sql"), "CREATE INDEX t_id ON t (id);\n");

        assertThat(plan()).as(err.toString()).isZero();

        List<FakeLedger.Request> uploads = ledger.requestsTo("/projects/billing/migrations/2/script");
        assertThat(uploads).hasSize(1);
        assertThat(uploads.get(0).method()).isEqualTo("PUT");
        assertThat(uploads.get(0).body().get("text").asText()).isEqualTo("CREATE INDEX t_id ON t (id);\n");
        JsonNode finding = uploads.get(0).body().get("findings").get(0);
        assertThat(finding.get("ruleId").asText()).startsWith("ML");
        assertThat(finding.get("line").asInt()).isEqualTo(1);
        assertThat(ledger.requestsTo("/projects/billing/migrations/1/script").get(0).body().get("text").asText())
                .as("the text the checksum covers").isEqualTo("CREATE TABLE t (id int);\n");
        assertThat(out.toString()).contains("2 script text(s) stored for approvers");

        int before = ledger.requestsTo("/script").size();
        assertThat(plan()).isZero();
        assertThat(ledger.requestsTo("/script")).as("texts the ledger has are not sent again").hasSize(before);
    }

    @Test
    void aPinnedChecksumIsRefusedNamingTheVersionAndExitsDenied() throws IOException {
        Files.writeString(dir.resolve("V1__init.sql"), "CREATE TABLE t (id int);");
        Files.writeString(dir.resolve("V1_2__changed.sql"), "CREATE TABLE u (id int);");
        String applied = "ab".repeat(32);
        ledger.planStatus = 422;
        ledger.planBody = "{\"title\":\"Rejected\",\"status\":422,\"reasons\":[{\"code\":\"CHECKSUM_PINNED\",\"message\":"
                + "\"version 1.2 succeeded with checksum " + applied + "; add a new migration\",\"field\":\"migrations[1].checksum\"}]}";

        assertThat(plan()).isEqualTo(ExitCodes.DENIED);
        assertThat(err.toString()).contains("V1.2 was applied with checksum " + applied
                + "; its file changed — restore the file as it was applied and put the change in a new migration");
    }

    @Test
    void lintErrorsBlockUnlessNoLint() throws IOException {
        Files.writeString(dir.resolve("V1__drop.sql"), "DROP TABLE orders;");

        assertThat(plan()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(err.toString()).contains("ML001-drop-table").contains("--no-lint");
        assertThat(ledger.requestsTo("/migrations")).as("nothing planned").isEmpty();
        assertThat(plan("--no-lint")).isZero();
    }

    @Test
    void findingsInAMigrationThatRanSomewhereAreNotesAndNeverBlock() throws IOException {
        Files.writeString(dir.resolve("V1__drop.sql"), "DROP TABLE orders;");
        ledger.applied.put("staging", List.of("1"));
        ledger.applied.put("prod", List.of("1"));

        assertThat(plan()).as(err.toString()).isZero();

        assertThat(err.toString()).containsPattern("(?m)^note: V1__drop\\.sql:1: ERROR ML001-drop-table .*applied in staging, prod")
                .doesNotContain("nothing was planned");
        assertThat(ledger.requestsTo("/projects/billing/migrations")).hasSize(1);
    }

    @Test
    void aNewMigrationBesideOnesThatRanIsLintedInFullAndNamed() throws IOException {
        Files.writeString(dir.resolve("V1__drop.sql"), "DROP TABLE orders;");
        Files.writeString(dir.resolve("V2__drop_column.sql"), "ALTER TABLE invoices DROP COLUMN note;");
        ledger.applied.put("prod", List.of("1"));

        assertThat(plan()).isEqualTo(ExitCodes.CHECK_FAILED);

        assertThat(err.toString()).contains("note: V1__drop.sql:1:")
                .containsPattern("(?m)^V2__drop_column\\.sql:1: ERROR ML002-drop-column ")
                .contains("1 lint finding(s) at or above error in migrations no environment has applied")
                .contains("--suppress-all").contains(MetadataSidecar.FILE_NAME);
        assertThat(ledger.requestsTo("/migrations")).isEmpty();
    }

    @Test
    void sarifShowsNewFindingsAsErrorsAndThoseOfMigrationsThatRanAsNotes() throws IOException {
        Files.writeString(dir.resolve("V1__drop.sql"), "DROP TABLE orders;");
        Files.writeString(dir.resolve("V2__drop_column.sql"), "ALTER TABLE invoices DROP COLUMN note;");
        ledger.applied.put("prod", List.of("1"));

        assertThat(plan("--format", "sarif")).isEqualTo(ExitCodes.CHECK_FAILED);

        JsonNode sarif = LedgerJson.MAPPER.readTree(out.toString());
        assertThat(SarifSchema.violations(sarif)).as("SARIF schema violations").isEmpty();
        JsonNode results = sarif.get("runs").get(0).get("results");
        assertThat(results).anySatisfy(r -> {
            assertThat(r.get("ruleId").asText()).isEqualTo("ML002-drop-column");
            assertThat(r.get("level").asText()).isEqualTo("error");
            assertThat(r.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).endsWith("V2__drop_column.sql");
        });
        List<JsonNode> ran = new java.util.ArrayList<>();
        results.forEach(r -> {
            if (r.at("/locations/0/physicalLocation/artifactLocation/uri").asText().endsWith("V1__drop.sql")) {
                ran.add(r);
            }
        });
        assertThat(ran).as("V1 ran in prod: its errors are notes").isNotEmpty()
                .allSatisfy(r -> assertThat(r.get("level").asText()).isNotEqualTo("error"))
                .anySatisfy(r -> assertThat(r.get("ruleId").asText() + " " + r.get("level").asText())
                        .isEqualTo("ML001-drop-table note"));
        assertThat(ledger.requestsTo("/migrations")).isEmpty();
    }

    @Test
    void sarifOfAPlanThatPassesKeepsStdoutForSarif() throws IOException {
        Files.writeString(dir.resolve("V1__init.sql"), "CREATE TABLE t (id int);");

        assertThat(plan("--format", "sarif")).as(err.toString()).isZero();

        JsonNode sarif = LedgerJson.MAPPER.readTree(out.toString());
        assertThat(SarifSchema.violations(sarif)).isEmpty();
        assertThat(err.toString()).contains("1 migrations sent to project billing");
    }

    @Test
    void aLedgerThatCannotSayWhatRanStopsAPlanWithLintFindings() throws IOException {
        Files.writeString(dir.resolve("V1__drop.sql"), "DROP TABLE orders;");
        ledger.statesUnavailable = true;

        assertThat(plan()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(err.toString()).contains("cannot ask the ledger which migrations already ran");
    }

    @Test
    void honoursTheSuppressionsFileAndSaysWhatItSuppressed(@TempDir Path work) throws IOException {
        Files.writeString(dir.resolve("V1__drop.sql"), "DROP TABLE orders;");
        Path suppressions = work.resolve("ledger-suppressions.json");
        CliRun lint = new CliRun();
        assertThat(lint.run("lint", "--dir", dir.toString(), "--suppressions", suppressions.toString(), "--suppress-all"))
                .as(lint.err.toString()).isZero();

        assertThat(plan("--suppressions", suppressions.toString())).as(err.toString()).isZero();

        assertThat(err.toString()).containsPattern("ledger plan: [1-9]\\d* lint finding\\(s\\) suppressed by "
                + java.util.regex.Pattern.quote(suppressions.toString()));
        assertThat(ledger.requestsTo("/projects/billing")).as("the registration check only").hasSize(1);
        assertThat(ledger.requestsTo("/state")).as("nothing left to ask the ledger about").isEmpty();
    }

    @Test
    void aSuppressionsFileNamedButMissingIsAUsageError(@TempDir Path work) throws IOException {
        Files.writeString(dir.resolve("V1__init.sql"), "CREATE TABLE t (id int);");

        assertThat(plan("--suppressions", work.resolve("absent.json").toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("absent.json does not exist").contains("--suppress-all");
    }

    @Test
    void lintFindingsFollowTheLintConfigurationAndTheGithubFormat() throws IOException {
        Files.writeString(dir.resolve("V1__init.sql"), "CREATE TABLE t (id int);");
        Files.writeString(dir.resolve("V2__index.sql"), "CREATE INDEX t_id ON t (id);");
        Files.writeString(dir.resolve("ledger-lint.toml"), "fail-on = \"warning\"\nexclude-rules = [\"ML029\"]\n");

        assertThat(plan("--format", "github")).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(err.toString()).containsPattern("(?m)^::warning file=[^,]*V2__index\\.sql,line=1,title=ML007-index-without-concurrently::")
                .doesNotContain("ML029").contains("at or above warning");
        assertThat(ledger.requestsTo("/migrations")).isEmpty();
    }
}
