package dev.migrationledger.executor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationledger.executor.client.LedgerProblemException;
import dev.migrationledger.executor.exit.ExitCodes;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ledger checkpoint}: keeps the log's newest signed checkpoint, for a later {@code ledger verify-log}. */
@Command(name = "checkpoint", mixinStandardHelpOptions = true,
        description = {
                "Save the ledger's newest signed checkpoint (a C2SP signed note), byte for byte, to keep: "
                + "ledger verify-log --checkpoint FILE later proves the log only grew since.",
                "Exit codes: 0 saved, 1 the log is empty, 2 usage or configuration error, 5 ledger "
                + "unreachable."})
public final class CheckpointCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LedgerOptions ledger;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to save the signed note.")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        return LedgerCall.run(spec, () -> {
            JsonNode checkpoint;
            try {
                checkpoint = ledger.client().checkpoint();
            } catch (LedgerProblemException e) {
                if (e.status() == 404) {
                    spec.commandLine().getErr().println("ledger checkpoint: " + e.getMessage());
                    return ExitCodes.CHECK_FAILED;
                }
                throw e;
            }
            String note = checkpoint.path("note").asText("");
            if (note.isEmpty()) {
                throw new IllegalArgumentException("the ledger's checkpoint answer holds no signed note");
            }
            // the note as signed: a trailing newline added here would make it a note no verifier accepts
            LedgerCall.save(out, note);
            stdout.println("saved the checkpoint of size " + checkpoint.path("treeSize").asLong() + " (root "
                    + checkpoint.path("rootHash").asText() + ") to " + out);
            stdout.flush();
            return ExitCodes.SUCCESS;
        });
    }
}
