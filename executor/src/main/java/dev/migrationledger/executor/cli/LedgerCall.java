package dev.migrationledger.executor.cli;

import dev.migrationledger.executor.client.LedgerProblemException;
import dev.migrationledger.executor.client.LedgerUnreachableException;
import dev.migrationledger.executor.client.UnknownProjectException;
import dev.migrationledger.executor.exit.ExitCodes;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The exits of the commands people run against the ledger (pending, approve, revoke, correct, backup, review):
 * one message naming the command and what was wrong, and the exit code of SPEC §8.
 */
final class LedgerCall {

    private LedgerCall() {
    }

    static int run(CommandSpec spec, Callable<Integer> call) throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        String command = name(spec);
        try {
            return call.call();
        } catch (IllegalArgumentException | UnknownProjectException e) {
            err.println(command + ": " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (LedgerUnreachableException e) {
            err.println(command + ": " + e.getMessage());
            return ExitCodes.UNREACHABLE;
        } catch (LedgerProblemException e) {
            err.println(command + ": " + e.getMessage());
            return ExitCodes.of(e);
        } finally {
            err.flush();
        }
    }

    /** {@code ledger backup record}: how the user typed it, also when a test runs the subcommand alone. */
    static String name(CommandSpec spec) {
        String name = spec.qualifiedName();
        return name.startsWith("ledger ") ? name : "ledger " + name;
    }

    /** Saves what the ledger answered exactly as it came: its bytes are what a verifier checks. */
    static void save(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write " + file + ": " + e.getMessage());
        }
    }
}
