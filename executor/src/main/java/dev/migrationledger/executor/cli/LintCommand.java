package dev.migrationledger.executor.cli;

import dev.migrationledger.executor.exit.ExitCodes;
import dev.migrationledger.executor.flyway.MigrationDirectory;
import dev.migrationledger.executor.flyway.MigrationDirectoryException;
import dev.migrationledger.executor.flyway.TargetDatabase;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintConfig;
import dev.migrationledger.executor.lint.LintConfigException;
import dev.migrationledger.executor.lint.Linter;
import dev.migrationledger.executor.lint.PgVersion;
import dev.migrationledger.executor.lint.Suppressions;
import dev.migrationledger.executor.lint.SuppressionsFile;
import dev.migrationledger.executor.lint.verify.Verifier.Verification;
import dev.migrationledger.executor.lint.verify.Verifier;
import dev.migrationledger.ledger.domain.Checksum;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ledger lint}: classifies and lints a migration directory (offline unless --verify-on). */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = {
                "Classify and lint a Flyway-format migration directory, offline; with --verify-on, also run "
                + "the new migrations on a scratch copy of the target's schema and report the locks and "
                + "rewrites observed.",
                "Findings recorded in ledger-suppressions.json (--suppress-all) are not reported while their "
                + "file is unchanged.",
                "Exit codes: 0 no failing findings, 1 findings at or above --fail-on, 2 usage or "
                + "configuration error."})
public final class LintCommand implements Callable<Integer> {

    enum Format { text, json, sarif, github }

    @Spec
    CommandSpec spec;

    @Option(names = "--dir", required = true, defaultValue = "${env:LEDGER_DIR}",
            description = "Migration directory (V<version>__<description>.sql, R__<description>.sql). Env: LEDGER_DIR.")
    Path dir;

    @Option(names = "--format", description = "text (default), json, sarif (SARIF 2.1.0) or github (workflow commands).")
    Format format;

    @Option(names = "--json", description = "Same as --format json.")
    boolean json;

    @Option(names = "--fail-on", description = "error (default) or warning: the lowest severity that fails the run.")
    String failOn;

    @Option(names = "--pg-version", description = "PostgreSQL version the migrations run on, e.g. 15 or 14.3 "
            + "(default: the target's with --verify-on, else " + "15, the oldest supported upstream).")
    String pgVersion;

    @Option(names = "--config", defaultValue = "${env:LEDGER_LINT_CONFIG}",
            description = "Lint configuration (default: ./ledger-lint.toml, else DIR/ledger-lint.toml). Env: LEDGER_LINT_CONFIG.")
    Path config;

    @Option(names = "--verify-on", paramLabel = "DB_URL",
            description = "Target JDBC URL: replay its applied migrations into a scratch database on its server, run the "
                    + "new ones there, report locks (pg_locks), rewrites (relfilenode) and durations, drop it.")
    String verifyOn;

    @Option(names = "--db-user", defaultValue = "${env:LEDGER_DB_USER}",
            description = "User for --verify-on (needs CREATEDB); password from LEDGER_DB_PASSWORD. Env: LEDGER_DB_USER.")
    String dbUser;

    @Option(names = "--suppressions", paramLabel = "FILE", defaultValue = "${env:LEDGER_SUPPRESSIONS}",
            description = "Suppressions file to honour or write (default: ./" + Suppressions.FILE_NAME
                    + "). Env: LEDGER_SUPPRESSIONS.")
    Path suppressionsFile;

    @Option(names = "--suppress-all", description = "Record every current finding in the suppressions file (by file, "
            + "rule and the file's checksum), so that only new findings are reported from now on; exits 0.")
    boolean suppressAll;

    @Option(names = "--prune-suppressions", description = "Remove the suppressions file's stale entries: files gone or "
            + "changed, counts above the findings still there.")
    boolean prune;

    @Option(names = "--max-file-size", defaultValue = "" + MigrationDirectory.DEFAULT_MAX_FILE_BYTES,
            description = "Largest script accepted, in bytes (default: ${DEFAULT-VALUE}).")
    long maxFileBytes;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        MigrationDirectory directory;
        LintConfig settings;
        Suppressions suppressions = Suppressions.NONE;
        try {
            if (suppressAll && prune) {
                throw new IllegalArgumentException("--suppress-all rewrites the whole file, so --prune-suppressions "
                        + "has nothing to add; pass one of them");
            }
            directory = MigrationDirectory.read(dir, maxFileBytes);
            if (!suppressAll) {
                suppressions = LintSetup.suppressions(suppressionsFile);
            }
            settings = LintSetup.config(config, dir);
            if (failOn != null) {
                settings = settings.withFailOn(LintConfig.failOn(failOn));
            }
            if (pgVersion != null) {
                settings = settings.withPgVersion(PgVersion.parse(pgVersion));
            }
        } catch (MigrationDirectoryException | LintConfigException | IllegalArgumentException e) {
            err.println("ledger lint: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        Verification verification = null;
        if (verifyOn != null) {
            try {
                verification = Verifier.verify(directory,
                        new TargetDatabase(verifyOn, dbUser, System.getenv("LEDGER_DB_PASSWORD")));
            } catch (IllegalArgumentException e) {
                err.println("ledger lint: " + e.getMessage());
                return ExitCodes.USAGE;
            } catch (SQLException e) {
                err.println("ledger lint: --verify-on " + Verifier.describe(verifyOn) + ": " + e.getMessage()
                        + "; check the URL, that the server is up, and that the user may CREATE DATABASE");
                return ExitCodes.USAGE;
            }
            if (settings.pgVersion() == null) {
                settings = settings.withPgVersion(verification.serverVersion());
            }
        }
        List<Finding> findings = Linter.configured(settings).lint(directory, verification);
        Suppressions.Outcome outcome;
        try {
            outcome = suppress(suppressions, findings, Suppressions.checksums(directory), err);
        } catch (LintConfigException e) {
            err.println("ledger lint: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        LintReport report = LintReport.of(directory, outcome, settings.pgVersionOrDefault().toString(), settings.failOn(),
                verification == null ? null : verification.observation());
        print(report, LintSetup.pathPrefix(dir));
        return report.fails(settings.failOn()) ? ExitCodes.CHECK_FAILED : ExitCodes.SUCCESS;
    }

    /** The findings the suppressions file leaves; with --suppress-all or --prune-suppressions, the file is written first. */
    private Suppressions.Outcome suppress(Suppressions read, List<Finding> findings, Map<String, Checksum> checksums,
                                          PrintWriter err) {
        Path file = LintSetup.suppressionsPath(suppressionsFile);
        if (suppressAll) {
            Suppressions all = Suppressions.of(findings, checksums);
            SuppressionsFile.write(all, file);
            err.println("ledger lint: " + all.count() + " finding(s) in " + all.files().size() + " file(s) recorded in "
                    + file + "; commit it. New migrations, and any suppressed file that changes, are linted in full");
            return all.apply(findings, checksums);
        }
        Suppressions.Outcome outcome = read.apply(findings, checksums);
        if (!prune) {
            return outcome;
        }
        Suppressions pruned = read.pruned(findings, checksums);
        SuppressionsFile.write(pruned, file);
        int stale = outcome.stale().size();
        err.println("ledger lint: " + stale + " stale entr" + (stale == 1 ? "y" : "ies") + " removed from " + file
                + " (" + pruned.count() + " finding(s) still suppressed)");
        return new Suppressions.Outcome(outcome.reported(), outcome.suppressed(), List.of());
    }

    private void print(LintReport report, String pathPrefix) {
        PrintWriter out = spec.commandLine().getOut();
        switch (json ? Format.json : format == null ? Format.text : format) {
            case json -> out.println(report.toJson());
            case sarif -> {
                out.println(SarifReport.of(report.findings(), Linter.ALL_RULES, pathPrefix,
                        ManifestVersion.number()));
                report.printStale(spec.commandLine().getErr());
            }
            case github -> {
                GithubAnnotations.print(report.findings(), pathPrefix, out);
                GithubAnnotations.summarise(report.findings(), pathPrefix, System.getenv("GITHUB_STEP_SUMMARY"),
                        spec.commandLine().getErr());
                report.printStale(out);
                out.println(report.summary());
            }
            case text -> report.printText(out);
        }
        out.flush();
    }
}
