package dev.migrationledger.executor.cli;

import dev.migrationledger.executor.exit.ExitCodes;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ledger correct}: supersedes a failed migration by a newer corrective one (R6), unblocking its environments. */
// --version names the migration here, so the command has no standard --version option
@Command(name = "correct",
        description = {
                "Record that a failed migration is superseded by a newer, planned corrective version (R6).",
                "Exit codes: 0 recorded, 1 refused (not failed anywhere, corrective version not newer), 2 "
                + "usage or configuration error (unknown project or version), 5 ledger unreachable."})
public final class CorrectCommand extends ProjectCommand {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--version", required = true, description = "The failed migration's version.")
    String version;

    @Option(names = "--by", required = true, description = "The corrective version (planned, newer).")
    String correctedBy;

    @Option(names = "--reason", required = true, description = "Why, for the audit trail.")
    String reason;

    @Option(names = "--json", description = "Print the ledger's answer as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        return LedgerCall.run("correct", spec.commandLine().getErr(), () -> {
            JsonNode answer = ledger.client().correct(project.id, version, correctedBy, reason);
            out.println(json ? LintReport.JSON.writeValueAsString(answer)
                    : answer.path("version").asText() + " is superseded by " + answer.path("correctedBy").asText());
            out.flush();
            return ExitCodes.SUCCESS;
        });
    }
}
