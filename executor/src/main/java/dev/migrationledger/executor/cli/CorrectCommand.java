package dev.migrationledger.executor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationledger.executor.client.LedgerClient;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ledger correct}: supersedes a failed migration by a newer corrective one (R6), unblocking its environments. */
// --version names the migration here, so the command has no standard --version option
@Command(name = "correct",
        description = {
                "Record that a failed migration is superseded by a newer, planned corrective version (R6).",
                "Exit codes: 0 recorded, 1 refused (not failed anywhere, corrective version not newer), 2 "
                + "usage or configuration error (unknown project or version), 5 ledger unreachable."})
public final class CorrectCommand extends AnswerCommand {

    @Mixin
    HelpOption help;

    @Option(names = "--version", required = true, description = "The failed migration's version.")
    String version;

    @Option(names = "--by", required = true, description = "The corrective version (planned, newer).")
    String correctedBy;

    @Option(names = "--reason", required = true, description = "Why, for the audit trail.")
    String reason;

    @Override
    JsonNode ask(LedgerClient client) {
        return client.correct(project.id, version, correctedBy, reason);
    }

    @Override
    void print(JsonNode answer, PrintWriter out) {
        out.println(answer.path("version").asText() + " is superseded by " + answer.path("correctedBy").asText());
    }
}
