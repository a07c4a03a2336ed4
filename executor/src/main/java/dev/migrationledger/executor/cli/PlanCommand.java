package dev.migrationledger.executor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationledger.executor.client.LedgerClient;
import dev.migrationledger.executor.client.LedgerProblemException;
import dev.migrationledger.executor.client.LedgerUnreachableException;
import dev.migrationledger.executor.client.UnknownProjectException;
import dev.migrationledger.executor.exit.ExitCodes;
import dev.migrationledger.executor.flyway.MetadataSidecar;
import dev.migrationledger.executor.flyway.MigrationDirectory;
import dev.migrationledger.executor.flyway.MigrationDirectoryException;
import dev.migrationledger.executor.flyway.MigrationScript;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintConfig;
import dev.migrationledger.executor.lint.LintConfigException;
import dev.migrationledger.executor.lint.LintGate;
import dev.migrationledger.executor.lint.Linter;
import dev.migrationledger.executor.lint.Severity;
import dev.migrationledger.executor.lint.Suppressions;
import dev.migrationledger.ledger.api.MigrationDefinition;
import dev.migrationledger.ledger.api.PlanOutcome;
import dev.migrationledger.ledger.api.PlanResponse;
import dev.migrationledger.ledger.api.ReportedReason;
import dev.migrationledger.ledger.api.ScriptFinding;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ledger plan}: registers every migration of a directory; new ones are planned, changed ones replanned. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {
                "Register the directory's migrations with the ledger (new: PLANNED, changed: REPLANNED).",
                "Lint runs first, with ledger-suppressions.json; findings in migrations some environment "
                + "already applied or baselined are notes and never block.",
                "Exit codes: 0 planned, 1 lint errors or a refused plan, 2 usage or configuration error, 3 "
                + "refused by policy (e.g. CHECKSUM_PINNED: an applied migration's file changed), 5 ledger "
                + "unreachable."})
public final class PlanCommand extends ProjectCommand {

    @Option(names = "--dir", required = true, defaultValue = "${env:LEDGER_DIR}",
            description = "Migration directory. Env: LEDGER_DIR.")
    Path dir;

    @Option(names = "--no-lint", description = "Plan without lint, also for new migrations (prefer suppressions: "
            + "ledger lint --suppress-all).")
    boolean noLint;

    @Option(names = "--json", description = "Print the ledger's answer as JSON on stdout; messages go to stderr.")
    boolean json;

    @Option(names = "--format", description = "text (default), json (same as --json), sarif (lint findings as "
            + "SARIF 2.1.0 on stdout, the plan on stderr) or github (lint findings as GitHub workflow commands).")
    String format;

    @Option(names = "--lint-config", defaultValue = "${env:LEDGER_LINT_CONFIG}",
            description = "Lint configuration, as for ledger lint --config. Env: LEDGER_LINT_CONFIG.")
    Path lintConfig;

    @Option(names = "--suppressions", paramLabel = "FILE", defaultValue = "${env:LEDGER_SUPPRESSIONS}",
            description = "Lint suppressions to honour, as for ledger lint (default: ./" + Suppressions.FILE_NAME
                    + "). Env: LEDGER_SUPPRESSIONS.")
    Path suppressionsFile;

    /** Every finding lint reported (suppressed ones left out), kept with each script's text in the ledger. */
    private List<Finding> reported = List.of();

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        MigrationDirectory directory;
        LedgerClient client;
        LintConfig lintSettings;
        Suppressions suppressions;
        JsonNode registered;
        try {
            directory = MigrationDirectory.read(dir);
            client = ledger.client();
            lintSettings = LintSetup.config(lintConfig, dir);
            suppressions = noLint ? Suppressions.NONE : LintSetup.suppressions(suppressionsFile);
            if (format != null && !List.of("text", "json", "sarif", "github").contains(format)) {
                throw new IllegalArgumentException("--format is text, json, sarif or github, got: " + format);
            }
            json = json || "json".equals(format);
            registered = client.requireRegistered(project.id, null);
        } catch (MigrationDirectoryException | LintConfigException | IllegalArgumentException | UnknownProjectException e) {
            err.println("ledger plan: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (LedgerUnreachableException e) {
            err.println("ledger plan: " + e.getMessage());
            return ExitCodes.UNREACHABLE;
        } catch (LedgerProblemException e) {
            err.println("ledger plan: " + e.getMessage());
            return ExitCodes.of(e);
        }
        if (!noLint) {
            Integer stopped = lint(directory, client, registered, lintSettings, suppressions, err);
            if (stopped != null) {
                return stopped;
            }
        } else if ("sarif".equals(format)) {
            sarif(List.of(), new LintGate(List.of(), List.of()));
        }
        List<MigrationDefinition> migrations = directory.scripts().stream().map(PlanCommand::planned).toList();
        PlanResponse result;
        try {
            result = client.plan(project.id, migrations);
        } catch (LedgerUnreachableException e) {
            err.println("ledger plan: " + e.getMessage());
            return ExitCodes.UNREACHABLE;
        } catch (LedgerProblemException e) {
            err.println("ledger plan: " + refusal(e, directory));
            return ExitCodes.of(e);
        }
        int uploaded;
        try {
            uploaded = uploadScripts(client, directory, result);
        } catch (LedgerUnreachableException e) {
            err.println("ledger plan: planned, but the script texts could not be sent; run ledger plan again: "
                    + e.getMessage());
            return ExitCodes.UNREACHABLE;
        } catch (LedgerProblemException e) {
            err.println("ledger plan: planned, but the ledger refused a script text: " + e.getMessage());
            return ExitCodes.of(e);
        }
        if (json) {
            out.println(LintReport.JSON.writeValueAsString(result));
        } else {
            // with SARIF on stdout, the plan's own lines go where messages go
            PrintWriter table = "sarif".equals(format) ? err : out;
            Map<String, MigrationScript> byKey = directory.scripts().stream()
                    .collect(Collectors.toMap(s -> s.version().key(), Function.identity()));
            for (PlanOutcome outcome : result.migrations()) {
                MigrationScript script = byKey.get(outcome.version());
                table.printf("%-10s %-12s %s%n", outcome.version(), outcome.outcome(),
                        script == null ? "" : script.description());
            }
            table.printf("%d migrations sent to project %s, %d script text(s) stored for approvers%n", migrations.size(),
                    project.id, uploaded);
        }
        out.flush();
        return ExitCodes.SUCCESS;
    }

    /**
     * Sends the text of each script the ledger lacks, with its lint findings, so approvers read what they approve.
     * The ledger says which it lacks; a text it already has is not stored twice either way.
     */
    private int uploadScripts(LedgerClient client, MigrationDirectory directory, PlanResponse result) {
        List<String> missing = result.scriptsWithoutText();
        int stored = 0;
        for (MigrationScript script : directory.scripts()) {
            if (!missing.contains(script.version().key())) {
                continue;
            }
            List<ScriptFinding> findings = reported.stream().filter(f -> f.file().equals(script.fileName()))
                    .map(f -> new ScriptFinding(f.ruleId(), f.severity().name(), f.line() > 0 ? f.line() : null,
                            f.message(), f.advice()))
                    .toList();
            if (client.putScript(project.id, script.version().key(), script.text(), findings).stored()) {
                stored++;
            }
        }
        return stored;
    }

    /**
     * Lint as {@code ledger lint} does, with the suppressions file; what still fails is then judged against where
     * migrations ran ({@link LintGate}), so that history never blocks new work.
     *
     * @return the exit code when lint stops the plan, else null
     */
    private Integer lint(MigrationDirectory directory, LedgerClient client, JsonNode registered, LintConfig settings,
                         Suppressions suppressions,
                         PrintWriter err) {
        Suppressions.Outcome outcome = suppressions.apply(Linter.configured(settings).lint(directory),
                Suppressions.checksums(directory));
        reported = outcome.reported();
        List<Finding> failing = LintGate.failing(outcome.reported(), settings.failOn());
        LintGate gate = new LintGate(failing, List.of());
        if (!failing.isEmpty()) {
            try {
                gate = LintGate.judge(failing, directory, AppliedMigrations.of(client, project.id, registered));
            } catch (LedgerUnreachableException e) {
                err.println("ledger plan: cannot ask the ledger which migrations already ran, to tell their lint findings "
                        + "from new ones: " + e.getMessage());
                return ExitCodes.UNREACHABLE;
            } catch (LedgerProblemException e) {
                err.println("ledger plan: " + e.getMessage());
                return ExitCodes.of(e);
            }
        }
        if ("sarif".equals(format)) {
            sarif(reported, gate);
        }
        gate.notes().forEach(note -> err.println(note.format()));
        if (outcome.suppressed() > 0) {
            err.println("ledger plan: " + outcome.suppressed() + " lint finding(s) suppressed by "
                    + LintSetup.suppressionsPath(suppressionsFile));
        }
        outcome.stale().forEach(s -> err.println("ledger plan: stale suppression: " + s.describe()
                + "; ledger lint --prune-suppressions removes it"));
        if (gate.blocking().isEmpty()) {
            return null;
        }
        if ("github".equals(format)) {
            GithubAnnotations.print(gate.blocking(), LintSetup.pathPrefix(dir), err);
        } else {
            gate.blocking().forEach(f -> err.println(f.format()));
        }
        err.println("ledger plan: " + gate.blocking().size() + " lint finding(s) at or above "
                + settings.failOn().name().toLowerCase(Locale.ROOT) + " in migrations no environment has applied, so "
                + "nothing was planned. Each finding's advice names the safe form of the change; for a script that must "
                + "not change, suppress its findings (ledger lint --dir " + dir + " --suppress-all) and declare its "
                + "metadata in " + dir.resolve(MetadataSidecar.FILE_NAME) + "; --no-lint plans without lint");
        return ExitCodes.CHECK_FAILED;
    }

    /** The findings as code scanning shows them: those of migrations that already ran as notes, as the gate judged. */
    private void sarif(List<Finding> findings, LintGate gate) {
        java.util.Set<Finding> ran = gate.notes().stream().map(LintGate.Note::finding).collect(Collectors.toSet());
        List<Finding> shown = findings.stream().map(f -> ran.contains(f)
                ? new Finding(f.ruleId(), Severity.INFO, f.file(), f.line(), f.message(), f.advice(), f.squawk()) : f).toList();
        PrintWriter out = spec.commandLine().getOut();
        out.println(SarifReport.of(shown, Linter.ALL_RULES, LintSetup.pathPrefix(dir), ManifestVersion.number()));
        out.flush();
    }

    static MigrationDefinition planned(MigrationScript s) {
        return new MigrationDefinition(s.version().key(), s.description(), s.checksum().hex(), s.changeClass(),
                s.risk(), s.phase(), s.expands() == null ? null : s.expands().key(), s.rollback(),
                s.ticket(), s.author() == null || s.author().isBlank() ? null : s.author());
    }

    /** CHECKSUM_PINNED gets the one sentence a developer needs: which file, and that the fix is a new migration. */
    static String refusal(LedgerProblemException e, MigrationDirectory directory) {
        if (!e.hasReason("CHECKSUM_PINNED")) {
            return e.getMessage();
        }
        StringBuilder text = new StringBuilder("refused: an applied migration's file changed");
        for (ReportedReason reason : e.reasons()) {
            if (!"CHECKSUM_PINNED".equals(reason.code())) {
                text.append(System.lineSeparator()).append("  - ").append(reason.format());
                continue;
            }
            String version = pinnedVersion(reason, directory);
            text.append(System.lineSeparator()).append("  - V").append(version == null ? "?" : version)
                    .append(" was applied with checksum ").append(appliedChecksum(reason))
                    .append("; its file changed — restore the file as it was applied and put the change in a new migration");
        }
        return text.toString();
    }

    /** The version named by the reason: its field ({@code migrations[3].checksum}) or a version in its message. */
    private static String pinnedVersion(ReportedReason reason, MigrationDirectory directory) {
        String field = reason.field();
        if (field != null && field.matches("migrations\\[\\d+].*")) {
            int index = Integer.parseInt(field.substring(field.indexOf('[') + 1, field.indexOf(']')));
            if (index < directory.scripts().size()) {
                return directory.scripts().get(index).version().key();
            }
        }
        String message = reason.message() == null ? "" : reason.message();
        for (MigrationScript script : directory.scripts()) {
            String key = script.version().key();
            if (message.matches("(?s).*(^|[^0-9.])V?" + java.util.regex.Pattern.quote(key) + "([^0-9.]|\\.?$).*")) {
                return key;
            }
        }
        return null;
    }

    private static String appliedChecksum(ReportedReason reason) {
        java.util.regex.Matcher hex = java.util.regex.Pattern.compile("[0-9a-f]{64}")
                .matcher(reason.message() == null ? "" : reason.message());
        return hex.find() ? hex.group() : "(see the ledger)";
    }
}
