package dev.migrationledger.executor.cli;

import picocli.CommandLine.Option;

/** {@code --env}, for the commands that act on one environment, which they must name (a picocli mixin). */
public final class EnvironmentOption {

    @Option(names = "--env", required = true, paramLabel = "<environment>", defaultValue = "${env:LEDGER_ENV}",
            description = "Environment name (dev, staging, prod…). Env: LEDGER_ENV.")
    String name;
}
