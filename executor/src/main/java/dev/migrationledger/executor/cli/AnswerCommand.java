package dev.migrationledger.executor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationledger.executor.client.LedgerClient;
import dev.migrationledger.executor.exit.ExitCodes;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * A command that asks the ledger one thing and shows the answer: as the ledger wrote it with {@code --json}
 * (for scripts), else in words. Its exits are {@link LedgerCall}'s.
 */
abstract class AnswerCommand extends ProjectCommand {

    @Option(names = "--json", description = "Print the ledger's answer as JSON.")
    boolean json;

    abstract JsonNode ask(LedgerClient client) throws Exception;

    abstract void print(JsonNode answer, PrintWriter out);

    @Override
    public final Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        return LedgerCall.run(spec, () -> {
            JsonNode answer = ask(ledger.client());
            if (json) {
                out.println(LintReport.JSON.writeValueAsString(answer));
            } else {
                print(answer, out);
            }
            out.flush();
            return ExitCodes.SUCCESS;
        });
    }
}
