package dev.migrationledger.executor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationledger.executor.client.LedgerClient;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ledger revoke}: withdraws one approval; an authorization already granted stays what it was. */
// --version names the migration here, so the command has no standard --version option
@Command(name = "revoke",
        description = {
                "Revoke an approval by its id (ledger approve prints it; GET …/migrations/{v}/timeline lists "
                + "them).",
                "Exit codes: 0 revoked (also when it was already), 2 usage or configuration error, 3 refused "
                + "by the ledger, 5 ledger unreachable."})
public final class RevokeCommand extends AnswerCommand {

    @Mixin
    HelpOption help;

    @Option(names = "--version", required = true, description = "The migration's version.")
    String version;

    @Option(names = "--approval", required = true, description = "The approval id.")
    String approvalId;

    @Option(names = "--reason", description = "Why the approval is withdrawn.")
    String reason;

    @Override
    JsonNode ask(LedgerClient client) {
        return client.revoke(project.id, version, approvalId, reason);
    }

    @Override
    void print(JsonNode answer, PrintWriter out) {
        out.println("revoked approval " + approvalId + " of " + answer.path("version").asText());
    }
}
