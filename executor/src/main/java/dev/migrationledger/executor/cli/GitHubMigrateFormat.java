package dev.migrationledger.executor.cli;

import dev.migrationledger.executor.exit.ExitCodes;
import dev.migrationledger.executor.flyway.MigrationDirectory;
import dev.migrationledger.executor.flyway.MigrationReport;
import dev.migrationledger.executor.flyway.MigrationScript;
import dev.migrationledger.ledger.api.ReportedReason;
import dev.migrationledger.ledger.wire.AuthorizationResponse.Denial;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code ledger migrate --format github}: GitHub Actions workflow commands on stdout — an error
 * annotation on the script of each denied or failed migration, a warning for each fact recorded with
 * violations, one line for the run — and a job summary (markdown) appended to {@code $GITHUB_STEP_SUMMARY}.
 */
final class GitHubMigrateFormat {

    static final String STEP_SUMMARY = "GITHUB_STEP_SUMMARY";

    private final MigrationDirectory directory;
    private final String project;
    private final String environment;
    private final Path workspace;

    GitHubMigrateFormat(MigrationDirectory directory, String project, String environment, Map<String, String> env) {
        this.directory = directory;
        this.project = project;
        this.environment = environment;
        String root = env.get("GITHUB_WORKSPACE");
        this.workspace = (root == null || root.isBlank() ? Path.of("") : Path.of(root)).toAbsolutePath().normalize();
    }

    /** Writes the annotations to {@code out}; appends the summary when the step has a summary file. */
    void write(MigrationReport report, PrintWriter out, PrintWriter err, Map<String, String> env) {
        int annotations = 0;
        for (Denial denial : report.denied) {
            out.println(command("error", denial.version(), denial.version() + " denied in " + environment,
                    reasons(denial.reasons())));
            annotations++;
        }
        if (report.failed != null) {
            out.println(command("error", report.failed, report.failed + " failed in " + environment,
                    report.error == null ? "failed" : report.error));
            annotations++;
        }
        for (MigrationReport.Recorded fact : report.recorded) {
            if (fact.violations() != null && !fact.violations().isEmpty()) {
                out.println(command("warning", fact.version(), fact.version() + " recorded with violations in "
                        + environment, reasons(fact.violations())));
            }
        }
        String level = report.exitCode == ExitCodes.SUCCESS ? "notice" : "error";
        if (report.exitCode == ExitCodes.SUCCESS || annotations == 0) {
            out.println("::" + level + " title=" + property("ledger migrate " + project + " → " + environment) + "::"
                    + data(report.message));
        }
        out.println("ledger migrate: " + report.message);
        String summaryFile = env.get(STEP_SUMMARY);
        if (summaryFile == null || summaryFile.isBlank()) {
            err.println("[ledger] " + STEP_SUMMARY + " is not set (not in GitHub Actions?): no job summary written");
            return;
        }
        try {
            Files.writeString(Path.of(summaryFile), summary(report), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            err.println("[ledger] could not append the job summary to " + summaryFile + ": " + e.getMessage());
        }
    }

    /**
     * {@code --format sarif}: the run's denied and failed migrations as errors and its facts recorded with
     * violations as warnings, each on its script, for GitHub code scanning (the same paths as the annotations).
     */
    String sarif(MigrationReport report, String version) {
        java.util.LinkedHashMap<String, SarifReport.Rule> rules = new java.util.LinkedHashMap<>();
        List<SarifReport.Result> results = new java.util.ArrayList<>();
        for (Denial denial : report.denied) {
            String code = denial.reasons() == null || denial.reasons().isEmpty() ? "DENIED" : denial.reasons().get(0).code();
            rules.putIfAbsent(code, new SarifReport.Rule(code, "the ledger denied the migration: " + code, "error", List.of()));
            results.add(result(code, "error", denial.version(), denial.version() + " denied in " + environment + ": "
                    + reasons(denial.reasons())));
        }
        if (report.failed != null) {
            rules.putIfAbsent("MIGRATION_FAILED", new SarifReport.Rule("MIGRATION_FAILED",
                    "the migration failed on the target database", "error", List.of()));
            results.add(result("MIGRATION_FAILED", "error", report.failed, report.failed + " failed in " + environment
                    + ": " + (report.error == null ? "failed" : report.error)));
        }
        for (MigrationReport.Recorded fact : report.recorded) {
            for (ReportedReason violation : fact.violations() == null ? List.<ReportedReason>of() : fact.violations()) {
                rules.putIfAbsent(violation.code(), new SarifReport.Rule(violation.code(),
                        "recorded with the violation " + violation.code(), "warning", List.of()));
                results.add(result(violation.code(), "warning", fact.version(), fact.version()
                        + " recorded with a violation in " + environment + ": " + violation.format()));
            }
        }
        return SarifReport.log("ledger migrate", version, List.copyOf(rules.values()), results);
    }

    private SarifReport.Result result(String code, String level, String version, String message) {
        String uri = script(version).orElse(relative(directory.root().toAbsolutePath().normalize()));
        return new SarifReport.Result(code, level, message, uri, 1,
                SarifReport.fingerprint(project + "\n" + environment + "\n" + version + "\n" + code), null);
    }

    String summary(MigrationReport report) {
        StringBuilder md = new StringBuilder();
        md.append("### ledger migrate · ").append(cell(project)).append(" → ").append(cell(environment)).append("\n\n");
        md.append(report.exitCode == ExitCodes.SUCCESS ? "✅ " : "❌ ").append("**").append(cell(report.message))
                .append("** (exit ").append(report.exitCode);
        if (report.runId != null) {
            md.append(", execution `").append(report.runId).append('`');
        }
        md.append(")\n\n");
        if (!report.pending.isEmpty()) {
            md.append("| version | script | outcome |\n|---|---|---|\n");
            for (String version : report.pending) {
                md.append("| ").append(cell(version)).append(" | ")
                        .append(script(version).map(f -> "`" + cell(f) + "`").orElse("")).append(" | ")
                        .append(outcome(report, version)).append(" |\n");
            }
            md.append('\n');
        }
        if (report.schemaFingerprint != null) {
            md.append("Live schema fingerprint after the run: `").append(report.schemaFingerprint).append("`\n\n");
        }
        if (report.unrecorded > 0) {
            md.append("⚠️ ").append(report.unrecorded)
                    .append(" fact(s) are kept in the target and will be sent to the ledger by the next run.\n\n");
        }
        return md.toString();
    }

    private static String outcome(MigrationReport report, String version) {
        if (report.applied.contains(version)) {
            return "✅ applied";
        }
        if (version.equals(report.failed)) {
            return "❌ failed: " + cell(report.error == null ? "" : report.error);
        }
        Optional<Denial> denial = report.denied.stream().filter(d -> d.version().equals(version)).findFirst();
        if (denial.isPresent()) {
            return "⛔ denied: " + cell(reasons(denial.get().reasons()));
        }
        return report.dryRun ? "pending (dry run)" : "not run";
    }

    private String command(String level, String version, String title, String message) {
        String file = script(version).map(f -> "file=" + property(f) + ",").orElse("");
        return "::" + level + " " + file + "title=" + property("ledger: " + title) + "::" + data(message);
    }

    /** The script's path as GitHub shows files: relative to the workspace. */
    private Optional<String> script(String version) {
        return directory.scripts().stream().filter(s -> s.version().key().equals(version)).findFirst()
                .map(MigrationScript::fileName)
                .map(name -> directory.root().resolve(name).toAbsolutePath().normalize())
                .map(this::relative);
    }

    private String relative(Path path) {
        return (path.startsWith(workspace) ? workspace.relativize(path).toString() : path.toString()).replace('\\', '/');
    }

    private static String reasons(List<ReportedReason> reasons) {
        return reasons == null || reasons.isEmpty() ? "no reason given"
                : reasons.stream().map(ReportedReason::format).collect(Collectors.joining("; "));
    }

    /** Workflow command data: %, CR and LF are escaped (GitHub's toolkit rules). */
    static String data(String text) {
        return (text == null ? "" : text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** Workflow command properties: also ':' and ','. */
    static String property(String text) {
        return data(text).replace(":", "%3A").replace(",", "%2C");
    }

    private static String cell(String text) {
        return (text == null ? "" : text).replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }
}
