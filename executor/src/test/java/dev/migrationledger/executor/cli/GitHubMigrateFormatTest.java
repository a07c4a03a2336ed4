package dev.migrationledger.executor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationledger.executor.exit.ExitCodes;
import dev.migrationledger.executor.flyway.MigrationDirectory;
import dev.migrationledger.executor.flyway.MigrationReport;
import dev.migrationledger.ledger.api.ReportedReason;
import dev.migrationledger.ledger.wire.AuthorizationResponse.Denial;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ledger migrate --format github}: annotations on the scripts, a job summary in $GITHUB_STEP_SUMMARY. */
class GitHubMigrateFormatTest {

    @TempDir
    Path workspace;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private MigrationDirectory directory;
    private Path summary;

    @BeforeEach
    void scripts() throws Exception {
        Path dir = Files.createDirectories(workspace.resolve("db/migration"));
        Files.writeString(dir.resolve("V1__a.sql"), "CREATE TABLE a (id int);");
        Files.writeString(dir.resolve("V2__b.sql"), "CREATE TABLE b (id int);");
        Files.writeString(dir.resolve("V3__c.sql"), "CREATE TABLE c (id int);");
        directory = MigrationDirectory.read(dir);
        summary = workspace.resolve("summary.md");
        Files.writeString(summary, "earlier step\n");
    }

    private void write(MigrationReport report) {
        Map<String, String> env = Map.of("GITHUB_WORKSPACE", workspace.toString(), "GITHUB_STEP_SUMMARY", summary.toString());
        new GitHubMigrateFormat(directory, "billing-db", "prod", env)
                .write(report, new PrintWriter(out, true), new PrintWriter(err, true), env);
    }

    private static MigrationReport report(int exit, String message) {
        MigrationReport report = new MigrationReport();
        report.exitCode = exit;
        report.message = message;
        report.runId = "run-42";
        report.pending.addAll(List.of("1", "2", "3"));
        return report;
    }

    @Test
    void aDenialIsAnErrorOnItsScriptAndTheSummaryTablesEveryPendingVersion() throws Exception {
        MigrationReport report = report(ExitCodes.DENIED, "applied what was authorized; the rest was denied");
        report.authorized.add("1");
        report.applied.add("1");
        report.denied.add(new Denial("2", List.of(new ReportedReason("NO_APPROVAL", "needs 2 approvals, has 0", null),
                new ReportedReason("NO_BACKUP", "no backup, since: 10:00", null))));
        report.recorded.add(new MigrationReport.Recorded("run-42/1", "1", "APPLIED",
                List.of(new ReportedReason("OUT_OF_ORDER", "2 first", null))));

        write(report);

        assertThat(out.toString()).contains("::error file=db/migration/V2__b.sql,title=ledger%3A 2 denied in prod::"
                + "NO_APPROVAL: needs 2 approvals, has 0; NO_BACKUP: no backup, since: 10:00");
        assertThat(out.toString()).contains("::warning file=db/migration/V1__a.sql,title=ledger%3A 1 recorded with violations in prod::OUT_OF_ORDER: 2 first");
        assertThat(out.toString()).doesNotContain("::notice");
        String md = Files.readString(summary);
        assertThat(md).startsWith("earlier step\n").contains("### ledger migrate · billing-db → prod")
                .contains("(exit 3, execution `run-42`)")
                .contains("| 1 | `db/migration/V1__a.sql` | ✅ applied |")
                .contains("| 2 | `db/migration/V2__b.sql` | ⛔ denied: NO_APPROVAL: needs 2 approvals, has 0; NO_BACKUP")
                .contains("| 3 | `db/migration/V3__c.sql` | not run |");
    }

    @Test
    void aFailureIsAnErrorOnItsScriptWithTheDatabasesMessageOnOneLine() {
        MigrationReport report = report(ExitCodes.CHECK_FAILED, "2 failed: relation exists");
        report.failed = "2";
        report.error = "ERROR: relation \"b\" already exists\n  Position: 14 (100%)";

        write(report);

        assertThat(out.toString()).contains("::error file=db/migration/V2__b.sql,title=ledger%3A 2 failed in prod::"
                + "ERROR: relation \"b\" already exists%0A  Position: 14 (100%25)");
    }

    @Test
    void aRefusalWithoutAVersionIsOneRunLevelError() {
        write(report(ExitCodes.DENIED, "authorization refused, nothing applied: the ledger answered 403 Forbidden"));

        assertThat(out.toString()).contains("::error title=ledger migrate billing-db → prod::authorization refused, "
                + "nothing applied: the ledger answered 403 Forbidden");
    }

    @Test
    void successIsANoticeAndWithoutASummaryFileNothingIsWritten() throws Exception {
        MigrationReport report = report(ExitCodes.SUCCESS, "applied 3 migration(s)");
        new GitHubMigrateFormat(directory, "billing-db", "prod", Map.of())
                .write(report, new PrintWriter(out, true), new PrintWriter(err, true), Map.of());

        assertThat(out.toString()).contains("::notice title=ledger migrate billing-db → prod::applied 3 migration(s)");
        assertThat(err.toString()).contains("GITHUB_STEP_SUMMARY is not set");
        assertThat(Files.readString(summary)).isEqualTo("earlier step\n");
    }
}
