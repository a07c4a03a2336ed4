package dev.migrationledger.executor.cli;

import dev.migrationledger.executor.client.LedgerClient;
import dev.migrationledger.executor.flyway.GatedMigration;
import dev.migrationledger.executor.flyway.MigrationDirectory;
import dev.migrationledger.executor.flyway.MigrationDirectoryException;
import dev.migrationledger.executor.flyway.MigrationReport;
import dev.migrationledger.executor.flyway.Progress;
import dev.migrationledger.executor.flyway.TargetDatabase;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ledger migrate}: authorize with the ledger, apply with Flyway, record every outcome exactly once. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Authorize pending migrations with the ledger, apply them with Flyway, record each outcome.",
                "Unrecorded facts of earlier runs are re-sent first. The target's password comes from",
                "LEDGER_DB_PASSWORD only.",
                "Exit codes: 0 all applied, 1 a migration failed, 2 usage or configuration error,",
                "3 something was denied (what was authorized before it was applied), or the job's identity may not",
                "act on this project or environment (OUT_OF_SCOPE), 5 ledger unreachable."})
public final class MigrateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LedgerOptions ledger;

    @Option(names = "--project", required = true, defaultValue = "${env:LEDGER_PROJECT}",
            description = "Project id. Env: LEDGER_PROJECT.")
    String project;

    @Option(names = "--env", required = true, defaultValue = "${env:LEDGER_ENV}",
            description = "Environment name (dev, staging, prod…). Env: LEDGER_ENV.")
    String environment;

    @Option(names = "--dir", required = true, defaultValue = "${env:LEDGER_DIR}",
            description = "Migration directory. Env: LEDGER_DIR.")
    Path dir;

    @Option(names = "--db", required = true, defaultValue = "${env:LEDGER_DB_URL}",
            description = "Target JDBC URL, jdbc:postgresql://host:5432/db. Env: LEDGER_DB_URL.")
    String db;

    @Option(names = "--db-user", defaultValue = "${env:LEDGER_DB_USER}", description = "Target user. Env: LEDGER_DB_USER.")
    String dbUser;

    @Option(names = "--target", description = "Apply pending versions up to and including this one.")
    String upTo;

    @Option(names = "--dry-run", description = "Show what is pending; apply and record nothing.")
    boolean dryRun;

    @Option(names = "--json", description = "Print the run's report as JSON on stdout; progress stays on stderr.")
    boolean json;

    /** text (default), json (= --json), github: workflow commands and a job summary in $GITHUB_STEP_SUMMARY. */
    enum Format { text, json, github }

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, json (= --json) or github: annotations on the scripts of denied and failed "
                    + "migrations and a job summary appended to $GITHUB_STEP_SUMMARY.")
    Format format;

    @Option(names = "--git-sha", description = "Commit recorded with each fact. Default: GITHUB_SHA, CI_COMMIT_SHA or GIT_COMMIT.")
    String gitSha;

    @Option(names = "--pipeline-url", description = "Pipeline recorded with each fact. Default: the GitHub Actions run URL, "
            + "CI_PIPELINE_URL or BUILD_URL.")
    String pipelineUrl;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        MigrationDirectory directory;
        TargetDatabase target;
        LedgerClient client = null;
        try {
            directory = MigrationDirectory.read(dir);
            target = new TargetDatabase(db, dbUser, System.getenv("LEDGER_DB_PASSWORD"));
            if (!dryRun) {
                client = ledger.client();
            }
        } catch (MigrationDirectoryException | IllegalArgumentException e) {
            err.println("ledger migrate: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        GatedMigration.Request request = new GatedMigration.Request(project, environment, upTo,
                gitSha != null ? gitSha : CiEnvironment.gitSha(System.getenv()),
                pipelineUrl != null ? pipelineUrl : CiEnvironment.pipelineUrl(System.getenv()), dryRun);
        json |= format == Format.json;
        Progress progress = new Progress(err, !json && format == Format.text && Progress.interactiveTerminal());
        MigrationReport report;
        try {
            report = new GatedMigration(request, directory, target, client, progress).run();
        } catch (MigrationDirectoryException e) {
            err.println("ledger migrate: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (SQLException e) {
            err.println("ledger migrate: cannot use the target database " + db + ": " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (json) {
            out.println(LintReport.JSON.writeValueAsString(report));
        } else if (format == Format.github) {
            new GitHubMigrateFormat(directory, project, environment, System.getenv()).write(report, out, err, System.getenv());
        } else {
            out.println("ledger migrate: " + report.message);
        }
        out.flush();
        err.flush();
        return report.exitCode;
    }
}
