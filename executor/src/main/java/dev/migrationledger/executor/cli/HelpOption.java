package dev.migrationledger.executor.cli;

import picocli.CommandLine.Option;

/**
 * {@code -h/--help} alone, for the commands where {@code --version} names a migration: picocli's standard help
 * options would claim {@code --version} for the CLI's own version.
 */
final class HelpOption {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;
}
