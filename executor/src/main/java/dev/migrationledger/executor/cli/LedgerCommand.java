package dev.migrationledger.executor.cli;

import dev.migrationledger.executor.client.IdTokenException;
import dev.migrationledger.executor.client.LedgerProblemException;
import dev.migrationledger.executor.client.LedgerUnreachableException;
import dev.migrationledger.executor.client.UnknownProjectException;
import dev.migrationledger.executor.exit.ExitCodes;
import dev.migrationledger.executor.flyway.MigrationDirectoryException;
import dev.migrationledger.executor.scan.HistoryImportException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code ledger} executable. A new sub-command is one more class in {@link #SUBCOMMANDS}; they are added
 * in code rather than in {@code @Command(subcommands)} so that a run builds picocli's model of only the one
 * it runs (the model of all of them, their objects included, was ~0.6 s of every start).
 */
@Command(name = "ledger",
        mixinStandardHelpOptions = true,
        versionProvider = ManifestVersion.class,
        description = "Records, gates and verifies database migrations against the Migration Ledger.")
public final class LedgerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** {@code ledger} alone is a usage error: show what there is. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    static final List<Class<?>> SUBCOMMANDS = List.of(
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
            HelpCommand.class);

    /**
     * The command tree for these arguments: when the first names a sub-command (other than {@code help},
     * which lists them all), only that one; for {@code --version} none; otherwise all of them, as
     * {@code ledger --help} shows them.
     */
    static CommandLine tree(String... args) {
        CommandLine commandLine = new CommandLine(new LedgerCommand());
        String first = args.length == 0 ? "" : args[0];
        if (args.length == 1 && (first.equals("--version") || first.equals("-V"))) {
            return commandLine;
        }
        List<Class<?>> named = SUBCOMMANDS.stream()
                .filter(c -> c != HelpCommand.class && c.getAnnotation(Command.class).name().equals(first)).toList();
        (named.isEmpty() ? SUBCOMMANDS : named).forEach(commandLine::addSubcommand);
        return commandLine;
    }

    /** The command line with every sub-command, as {@link #commandLine(String...)} configures it. */
    public static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * The command line as {@code main} runs it: configuration problems that escape a sub-command exit 2
     * with their message and no stack trace, anything unexpected exits 1.
     */
    public static CommandLine commandLine(String... args) {
        CommandLine commandLine = tree(args);
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
        System.exit(commandLine(args).execute(args));
    }
}
