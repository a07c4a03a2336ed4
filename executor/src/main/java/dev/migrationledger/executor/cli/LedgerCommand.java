package dev.migrationledger.executor.cli;

import dev.migrationledger.executor.client.IdTokenException;
import dev.migrationledger.executor.client.LedgerProblemException;
import dev.migrationledger.executor.client.LedgerUnreachableException;
import dev.migrationledger.executor.client.UnknownProjectException;
import dev.migrationledger.executor.exit.ExitCodes;
import dev.migrationledger.executor.flyway.MigrationDirectoryException;
import dev.migrationledger.executor.scan.HistoryImportException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code ledger} executable. A new sub-command is one more class in {@code subcommands}. */
@Command(name = "ledger",
        mixinStandardHelpOptions = true,
        versionProvider = ManifestVersion.class,
        description = "Records, gates and verifies database migrations against the Migration Ledger.",
        subcommands = {
                LintCommand.class,
                PlanCommand.class,
                MigrateCommand.class,
                StatusCommand.class,
                VerifyCommand.class,
                VerifyLogCommand.class,
                ScanCommand.class,
                ImportCommand.class,
                PendingCommand.class,
                ApproveCommand.class,
                RevokeCommand.class,
                CorrectCommand.class,
                BackupCommand.class,
                ReviewCommand.class,
                ReceiptCommand.class,
                CheckpointCommand.class,
                HelpCommand.class,
        })
public final class LedgerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** {@code ledger} alone is a usage error: show what there is. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    /**
     * The command line as {@code main} runs it: configuration problems that escape a sub-command exit 2
     * with their message and no stack trace, anything unexpected exits 1.
     */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new LedgerCommand());
        commandLine.setExitCodeExceptionMapper(e -> {
            if (e instanceof LedgerUnreachableException) {
                return ExitCodes.UNREACHABLE;
            }
            if (e instanceof LedgerProblemException problem) {
                return ExitCodes.of(problem);
            }
            return e instanceof MigrationDirectoryException || e instanceof HistoryImportException
                    || e instanceof IdTokenException
                    || e instanceof UnknownProjectException
                    || e instanceof CommandLine.ParameterException ? ExitCodes.USAGE : ExitCodes.CHECK_FAILED;
        });
        commandLine.setExecutionExceptionHandler((e, cl, parseResult) -> {
            cl.getErr().println("ledger: " + e.getMessage());
            return cl.getExitCodeExceptionMapper().getExitCode(e);
        });
        return commandLine;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
