package dev.migrationledger.executor.cli;

import dev.migrationledger.executor.client.LedgerClient;
import dev.migrationledger.executor.client.LedgerProblemException;
import dev.migrationledger.executor.client.LedgerUnreachableException;
import dev.migrationledger.executor.client.UnknownProjectException;
import dev.migrationledger.executor.exit.ExitCodes;
import dev.migrationledger.executor.flyway.FlywayEngine;
import dev.migrationledger.executor.flyway.GatedMigration;
import dev.migrationledger.executor.flyway.LedgerKeyTrust;
import dev.migrationledger.executor.flyway.MigrationDirectory;
import dev.migrationledger.executor.flyway.MigrationDirectoryException;
import dev.migrationledger.executor.flyway.MigrationReport;
import dev.migrationledger.executor.flyway.Progress;
import dev.migrationledger.executor.flyway.TargetDatabase;
import dev.migrationledger.ledger.integrity.LogPublicKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ledger migrate}: authorize with the ledger, apply with Flyway, record every outcome exactly once. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {
                "Authorize the checksum of every pending file with the ledger, verify the signed answer, "
                + "apply exactly those bytes with Flyway, record each outcome.",
                "Unrecorded facts of earlier runs are re-sent first. The target's password comes from "
                + "LEDGER_DB_PASSWORD only.",
                "Exit codes: 0 all applied (or nothing pending), 1 a migration failed, 2 usage or "
                + "configuration error (unknown project or environment too), 3 something was denied, the signed "
                + "authorization was refused (a changed file or a forged answer: nothing applied) or the job's "
                + "identity may not act on this project or environment (OUT_OF_SCOPE), 5 ledger unreachable."})
public final class MigrateCommand extends ProjectCommand {

    @Mixin
    EnvironmentOption environment;

    @Option(names = "--dir", required = true, defaultValue = "${env:LEDGER_DIR}",
            description = "Migration directory. Env: LEDGER_DIR.")
    Path dir;

    @Mixin
    TargetOptions targetDb;

    @Option(names = "--target", description = "Apply pending versions up to and including this one.")
    String upTo;

    @Option(names = "--dry-run", description = "Show what the gate would authorize and deny, with every reason and each "
            + "file's checksum against the planned one; apply and record nothing. Exit 3 if anything would be denied.")
    boolean dryRun;

    @Option(names = "--ledger-key", paramLabel = "PUB.pem", defaultValue = "${env:LEDGER_PUBLIC_KEY}",
            description = "The ledger's public key (LEDGER_HOME/ledger-pub.pem), obtained out of band; it is pinned in "
                    + "the target. Default: the key pinned in the target, or the ledger's, pinned on first use. "
                    + "Env: LEDGER_PUBLIC_KEY.")
    Path ledgerKey;

    @Option(names = "--ledger-key-name", paramLabel = "NAME",
            description = "The key's C2SP name (the log origin). Default: the name the ledger lists for that key.")
    String ledgerKeyName;

    @Option(names = "--json", description = "Print the run's report as JSON on stdout; progress stays on stderr.")
    boolean json;

    /**
     * text (default), json (= --json), sarif (code scanning: denied and failed scripts, facts with violations),
     * github: workflow commands and a job summary in $GITHUB_STEP_SUMMARY.
     */
    enum Format { text, json, sarif, github }

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, json (= --json), sarif (SARIF 2.1.0 on stdout: denied and failed scripts, facts "
                    + "recorded with violations) or github: annotations on the scripts of denied and failed "
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
        LedgerKeyTrust.GivenKey givenKey = null;
        // The ledger's client (an HTTP client, JSON, credentials) starts and asks whether the project is known
        // while this thread reads the directory and Flyway reads the target: on two cores the starts overlap.
        CompletableFuture<LedgerClient> registered = CompletableFuture.supplyAsync(() -> {
            LedgerClient ledgerClient = ledger.client();
            ledgerClient.requireRegistered(project.id, environment.name);
            return ledgerClient;
        });
        try {
            target = targetDb.database();
            Thread warming = new Thread(() -> FlywayEngine.warmUp(target), "flyway-warm-up");
            warming.setDaemon(true);
            warming.start();
            directory = MigrationDirectory.readForMigrate(dir);
            // an empty LEDGER_PUBLIC_KEY (a CI input left blank) means no key given, as an unset one does
            if (ledgerKey != null && !ledgerKey.toString().isEmpty()) {
                givenKey = readKey(ledgerKey, ledgerKeyName);
            }
        } catch (MigrationDirectoryException | IllegalArgumentException e) {
            err.println("ledger migrate: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        GatedMigration.Request request = new GatedMigration.Request(project.id, environment.name, upTo,
                gitSha != null ? gitSha : CiEnvironment.gitSha(System.getenv()),
                pipelineUrl != null ? pipelineUrl : CiEnvironment.pipelineUrl(System.getenv()), dryRun, givenKey);
        json |= format == Format.json;
        Progress progress = new Progress(err, !json && format == Format.text && Progress.interactiveTerminal());
        MigrationReport report;
        try {
            report = new GatedMigration(request, directory, target, () -> joined(registered), progress).run();
        } catch (MigrationDirectoryException | UnknownProjectException e) {
            err.println("ledger migrate: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (UnusableClient e) {
            err.println("ledger migrate: " + e.getCause().getMessage());
            return ExitCodes.USAGE;
        } catch (LedgerUnreachableException e) {
            err.println("ledger migrate: " + e.getMessage() + "; nothing applied");
            return ExitCodes.UNREACHABLE;
        } catch (LedgerProblemException e) {
            err.println("ledger migrate: " + e.getMessage());
            return ExitCodes.of(e);
        } catch (SQLException e) {
            err.println("ledger migrate: cannot use the target database " + targetDb.url + ": " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (json) {
            out.println(LintReport.JSON.writeValueAsString(report));
        } else if (format == Format.github) {
            new GitHubMigrateFormat(directory, project.id, environment.name, System.getenv()).write(report, out, err, System.getenv());
        } else if (format == Format.sarif) {
            out.println(new GitHubMigrateFormat(directory, project.id, environment.name, System.getenv()).sarif(report,
                    ManifestVersion.number()));
            err.println("ledger migrate: " + report.message);
        } else {
            out.println("ledger migrate: " + report.message);
        }
        out.flush();
        err.flush();
        return report.exitCode;
    }

    /** The future's value, or what it threw, as thrown; a missing or malformed URL or credential as an {@link UnusableClient}. */
    private static LedgerClient joined(CompletableFuture<LedgerClient> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IllegalArgumentException usage) {
                throw new UnusableClient(usage);
            }
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** The operator's key file, checked now: an unreadable key is a usage error, not a refused authorization. */
    static LedgerKeyTrust.GivenKey readKey(Path file, String name) {
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read --ledger-key " + file + ": " + e.getMessage());
        }
        LogPublicKey.fromPem(name != null ? name : "migration-ledger.local/log", pem);
        return new LedgerKeyTrust.GivenKey(pem, name);
    }

    /** The client could not be made from the options given (a usage error, exit 2), told apart from other failures of the run. */
    private static final class UnusableClient extends RuntimeException {
        UnusableClient(IllegalArgumentException cause) {
            super(cause);
        }
    }
}
