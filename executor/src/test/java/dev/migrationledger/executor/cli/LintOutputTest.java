package dev.migrationledger.executor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.Linter;
import dev.migrationledger.executor.lint.Severity;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --format json, sarif and github, and the configuration that shapes what they contain. */
class LintOutputTest {

    @TempDir
    Path dir;

    private final CliRun cli = new CliRun();
    private final StringWriter out = cli.out;
    private final StringWriter err = cli.err;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void migrations() throws IOException {
        Files.writeString(dir.resolve("V1__init.sql"), "CREATE TABLE public.accounts (id bigint, balance numeric);");
        Files.writeString(dir.resolve("V2__rules.sql"), """
                SET lock_timeout = '2s';
                SET statement_timeout = '5s';
                ALTER TABLE public.accounts ADD CONSTRAINT positive_balance CHECK (balance >= 0);
                ALTER TABLE public.accounts RENAME COLUMN balance TO amount;""");
    }

    private int run(String... args) {
        return cli.run(args);
    }

    @Test
    void sarifOutputIsValidSarif210() throws IOException {
        assertThat(run("lint", "--dir", dir.toString(), "--format", "sarif")).isEqualTo(1);
        JsonNode sarif = json.readTree(out.toString());

        assertThat(SarifSchema.violations(sarif)).as("SARIF schema violations").isEmpty();
        assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
    }

    @Test
    void aSchemaViolationIsCaughtByTheSchemaCheck() throws IOException {
        JsonNode broken = json.readTree("{\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{}},\"results\":[]}]}");
        assertThat(SarifSchema.violations(broken)).isNotEmpty();
    }

    @Test
    void sarifHasWhatGithubCodeScanningReads() throws IOException {
        List<Finding> findings = Linter.withAllRules().lint(dev.migrationledger.executor.flyway.MigrationDirectory.read(dir));
        JsonNode sarif = json.readTree(SarifReport.of(findings, Linter.ALL_RULES, "db/migration/", "1.0"));
        JsonNode run = sarif.get("runs").get(0);

        JsonNode rules = run.get("tool").get("driver").get("rules");
        assertThat(rules).hasSize(Linter.ALL_RULES.size());
        JsonNode check = null;
        for (JsonNode r : run.get("results")) {
            if (r.get("ruleId").asText().equals("ML017-check-not-valid")) {
                check = r;
            }
        }
        assertThat(check).isNotNull();
        assertThat(check.get("level").asText()).isEqualTo("warning");
        assertThat(rules.get(check.get("ruleIndex").asInt()).get("id").asText()).isEqualTo("ML017-check-not-valid");
        JsonNode location = check.get("locations").get(0).get("physicalLocation");
        assertThat(location.get("artifactLocation").get("uri").asText()).isEqualTo("db/migration/V2__rules.sql");
        assertThat(location.get("region").get("startLine").asInt()).isEqualTo(3);
        assertThat(check.get("partialFingerprints").get(SarifReport.FINGERPRINT).asText()).hasSize(32);
        assertThat(check.get("properties").get("squawk").asText()).isEqualTo("constraint-missing-not-valid");
        assertThat(rules.get(check.get("ruleIndex").asInt()).get("properties").get("squawk").get(0).asText())
                .isEqualTo("constraint-missing-not-valid");
    }

    @Test
    void aFingerprintIgnoresTheLineButNotTheFinding() {
        Finding f = new Finding("ML017-check-not-valid", Severity.WARNING, "V2.sql", 3, "adds CHECK c", "advice");
        Finding moved = new Finding("ML017-check-not-valid", Severity.WARNING, "V2.sql", 9, "adds CHECK c", "advice");
        Finding other = new Finding("ML017-check-not-valid", Severity.WARNING, "V2.sql", 3, "adds CHECK d", "advice");
        assertThat(SarifReport.fingerprint(f)).isEqualTo(SarifReport.fingerprint(moved)).isNotEqualTo(SarifReport.fingerprint(other));
    }

    @Test
    void githubFormatPrintsOneWorkflowCommandPerFinding() {
        assertThat(run("lint", "--dir", dir.toString(), "--format", "github")).isEqualTo(1);
        assertThat(out.toString()).containsPattern("(?m)^::warning file=[^,]*V2__rules\\.sql,line=3,title=ML017-check-not-valid::adds CHECK")
                .containsPattern("(?m)^::error file=[^,]*V2__rules\\.sql,line=4,title=ML031-rename-column::renames")
                .containsPattern("(?m)^::notice file=");
    }

    @Test
    void workflowCommandsEscapeWhatTheRunnerWouldOtherwiseParse() {
        StringWriter text = new StringWriter();
        GithubAnnotations.print(List.of(new Finding("ML001-drop-table", Severity.ERROR, "a,b:c.sql", 2,
                "100% gone\nreally", "back up")), "db/", new PrintWriter(text, true));
        assertThat(text.toString().strip())
                .isEqualTo("::error file=db/a%2Cb%3Ac.sql,line=2,title=ML001-drop-table::100%25 gone%0Areally (back up)");
    }

    @Test
    void theJobSummaryGetsATable() throws IOException {
        Path summary = dir.resolve("summary.md");
        GithubAnnotations.summarise(List.of(new Finding("ML001-drop-table", Severity.ERROR, "V1.sql", 2, "drops a|b", "x")),
                "db/", summary.toString(), new PrintWriter(err, true));
        assertThat(Files.readString(summary)).contains("| ERROR | `ML001-drop-table` | `db/V1.sql:2` | drops a\\|b |");
    }

    @Test
    void jsonCarriesTheSquawkNameWhereOneCorresponds() throws IOException {
        run("lint", "--dir", dir.toString(), "--json");
        JsonNode report = json.readTree(out.toString());
        assertThat(LintCommandTest.findingOf(report, "ML017-check-not-valid").get("squawk").asText())
                .isEqualTo("constraint-missing-not-valid");
        assertThat(LintCommandTest.findingOf(report, "ML031-rename-column")
                .get("squawk").asText()).isEqualTo("renaming-column");
    }

    @Test
    void squawkNamesAndRuleNumbersWorkInExclusionsAndSeverities() throws IOException {
        Path config = dir.resolve("lint.toml");
        Files.writeString(config, """
                exclude-rules = ["renaming-column", "ML054"]
                [severity]
                constraint-missing-not-valid = "error"
                prefer-robust-stmts = "off"
                """);
        assertThat(run("lint", "--dir", dir.toString(), "--json", "--config", config.toString())).isEqualTo(1);
        JsonNode report = json.readTree(out.toString());
        assertThat(report.get("findings").findValuesAsText("ruleId"))
                .doesNotContain("ML031-rename-column", "ML054-unqualified-table", "ML053-missing-if-exists");
        assertThat(LintCommandTest.findingOf(report, "ML017-check-not-valid").get("severity").asText()).isEqualTo("ERROR");
    }

    @Test
    void failOnWarningFailsARunWithWarningsOnly() throws IOException {
        Path config = dir.resolve("lint.toml");
        Files.writeString(config, "excluded_rules = [\"renaming-column\"]\n");
        assertThat(run("lint", "--dir", dir.toString(), "--config", config.toString())).isEqualTo(0);
        assertThat(run("lint", "--dir", dir.toString(), "--config", config.toString(), "--fail-on", "warning")).isEqualTo(1);
        Files.writeString(config, "excluded_rules = [\"renaming-column\"]\nfail-on = \"warning\"\n");
        assertThat(run("lint", "--dir", dir.toString(), "--config", config.toString())).isEqualTo(1);
    }

    @Test
    void excludedPathsAreNotLinted() throws IOException {
        Path config = dir.resolve("lint.toml");
        Files.writeString(config, "exclude-paths = [\"V2__*.sql\"]\n");
        assertThat(run("lint", "--dir", dir.toString(), "--config", config.toString(), "--json")).isEqualTo(0);
        assertThat(json.readTree(out.toString()).get("findings").findValuesAsText("file")).doesNotContain("V2__rules.sql");
    }

    @Test
    void aConfigurationWeCannotUseIsAUsageErrorSayingWhy() throws IOException {
        Path config = dir.resolve("lint.toml");
        Files.writeString(config, "exclude_rule = [\"ML001\"]\n");
        assertThat(run("lint", "--dir", dir.toString(), "--config", config.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("unknown key 'exclude_rule'");
        Files.writeString(config, "exclude-rules = [\"no-such-rule\"]\n");
        assertThat(run("lint", "--dir", dir.toString(), "--config", config.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no lint rule is called 'no-such-rule'");
        assertThat(run("lint", "--dir", dir.toString(), "--fail-on", "info")).isEqualTo(2);
        assertThat(run("lint", "--dir", dir.toString(), "--pg-version", "fifteen")).isEqualTo(2);
        assertThat(err.toString()).contains("not a PostgreSQL version");
    }

    @Test
    void theConfigurationFileInTheMigrationDirectoryIsFoundByItself() throws IOException {
        Files.writeString(dir.resolve("ledger-lint.toml"), "exclude-rules = [\"renaming-column\"]\n");
        assertThat(run("lint", "--dir", dir.toString())).isEqualTo(0);
    }

    @Test
    void pgVersionDrivesVersionDependentRules() throws IOException {
        Files.writeString(dir.resolve("V3__index.sql"), "CREATE INDEX CONCURRENTLY accounts_amount ON public.accounts (amount);");
        Files.writeString(dir.resolve("ledger-lint.toml"), "exclude-rules = [\"renaming-column\"]\n");
        assertThat(run("lint", "--dir", dir.toString(), "--pg-version", "14.2")).isEqualTo(1);
        assertThat(out.toString()).contains("ML028-concurrent-index-on-pg14");
        assertThat(run("lint", "--dir", dir.toString(), "--pg-version", "14.4")).isEqualTo(0);
    }
}
