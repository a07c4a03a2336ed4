package dev.migrationledger.executor.cli;

import dev.migrationledger.executor.exit.ExitCodes;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ledger revoke}: withdraws one approval; an authorization already granted stays what it was. */
// --version names the migration here, so the command has no standard --version option
@Command(name = "revoke",
        description = {
                "Revoke an approval by its id (ledger approve prints it; GET …/migrations/{v}/timeline lists "
                + "them).",
                "Exit codes: 0 revoked (also when it was already), 2 usage or configuration error, 3 refused "
                + "by the ledger, 5 ledger unreachable."})
public final class RevokeCommand extends ProjectCommand {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--version", required = true, description = "The migration's version.")
    String version;

    @Option(names = "--approval", required = true, description = "The approval id.")
    String approvalId;

    @Option(names = "--reason", description = "Why the approval is withdrawn.")
    String reason;

    @Option(names = "--json", description = "Print the ledger's answer as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        return LedgerCall.run("revoke", spec.commandLine().getErr(), () -> {
            JsonNode answer = ledger.client().revoke(project.id, version, approvalId, reason);
            out.println(json ? LintReport.JSON.writeValueAsString(answer)
                    : "revoked approval " + approvalId + " of " + answer.path("version").asText());
            out.flush();
            return ExitCodes.SUCCESS;
        });
    }
}
