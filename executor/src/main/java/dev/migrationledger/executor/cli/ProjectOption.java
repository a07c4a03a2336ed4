package dev.migrationledger.executor.cli;

import picocli.CommandLine.Option;

/** {@code --project}, required by every command that names a project (a picocli mixin). */
public final class ProjectOption {

    @Option(names = "--project", required = true, paramLabel = "<project>", defaultValue = "${env:LEDGER_PROJECT}",
            description = "Project id. Env: LEDGER_PROJECT.")
    String id;
}
