package dev.migrationledger.executor.cli;

import dev.migrationledger.executor.flyway.MigrationDirectory;
import dev.migrationledger.executor.flyway.MigrationDirectoryException;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.Linter;
import dev.migrationledger.executor.lint.Severity;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ledger lint}: offline; classifies and lints a migration directory, exit 1 on ERROR findings. */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = {"Classify and lint a Flyway-format migration directory, offline.",
                "Exit codes: 0 no errors, 1 ERROR findings, 2 usage or configuration error."})
public final class LintCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--dir", required = true, defaultValue = "${env:LEDGER_DIR}",
            description = "Migration directory (V<version>__<description>.sql, R__<description>.sql). Env: LEDGER_DIR.")
    Path dir;

    @Option(names = "--json", description = "Print one JSON document instead of text.")
    boolean json;

    @Option(names = "--max-file-size", defaultValue = "" + MigrationDirectory.DEFAULT_MAX_FILE_BYTES,
            description = "Largest script accepted, in bytes (default: ${DEFAULT-VALUE}).")
    long maxFileBytes;

    @Override
    public Integer call() {
        MigrationDirectory directory;
        try {
            directory = MigrationDirectory.read(dir, maxFileBytes);
        } catch (MigrationDirectoryException e) {
            spec.commandLine().getErr().println("ledger lint: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        List<Finding> findings = Linter.withAllRules().lint(directory);
        LintReport report = LintReport.of(directory, findings);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(report.toJson());
        } else {
            report.printText(out);
        }
        out.flush();
        return report.errors() > 0 ? ExitCodes.CHECK_FAILED : ExitCodes.SUCCESS;
    }

    static long count(List<Finding> findings, Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }
}
