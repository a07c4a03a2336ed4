package dev.migrationledger.executor.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the {@code ledger} command line in-process and keeps what it printed. */
public final class CliRun {

    public final StringWriter out = new StringWriter();
    public final StringWriter err = new StringWriter();

    /** What one run returned and printed. */
    public record Result(int exit, String out, String err) {
    }

    /** Runs the command line once, with a runner of its own. */
    public static Result of(String... args) {
        CliRun cli = new CliRun();
        int exit = cli.run(args);
        return new Result(exit, cli.out.toString(), cli.err.toString());
    }

    public int run(String... args) {
        CommandLine commandLine = LedgerCommand.tree(args);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
