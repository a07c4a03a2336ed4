package dev.migrationledger.executor.cli;

import dev.migrationledger.executor.client.LedgerProblemException;
import dev.migrationledger.executor.client.LedgerUnreachableException;
import dev.migrationledger.executor.client.UnknownProjectException;
import dev.migrationledger.executor.exit.ExitCodes;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * The exits of the commands people run against the ledger (pending, approve, revoke, correct, backup, review):
 * one message naming the command and what was wrong, and the exit code of SPEC §8.
 */
final class LedgerCall {

    private LedgerCall() {
    }

    static int run(String command, PrintWriter err, Callable<Integer> call) throws Exception {
        try {
            return call.call();
        } catch (IllegalArgumentException | UnknownProjectException e) {
            err.println("ledger " + command + ": " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (LedgerUnreachableException e) {
            err.println("ledger " + command + ": " + e.getMessage());
            return ExitCodes.UNREACHABLE;
        } catch (LedgerProblemException e) {
            err.println("ledger " + command + ": " + e.getMessage());
            return ExitCodes.of(e);
        } finally {
            err.flush();
        }
    }
}
