package dev.migrationledger.executor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationledger.executor.client.LedgerClient;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ledger pending}: what awaits approval, backup, promotion or order, per version and environment. */
@Command(name = "pending", mixinStandardHelpOptions = true,
        description = {
                "List planned migrations not yet applied, per environment, with what still blocks each: "
                + "approvals n of m, backup, promotion, order, failures — the reasons the gate would deny it "
                + "with now.",
                "Exit codes: 0 listed, 2 usage or configuration error, 5 ledger unreachable."})
public final class PendingCommand extends AnswerCommand {

    @Option(names = "--env", description = "One environment; default: every environment of the project, in order.")
    String environment;

    @Override
    JsonNode ask(LedgerClient client) {
        return client.pending(project.id, environment);
    }

    @Override
    void print(JsonNode answer, PrintWriter out) {
        printPending(answer.path("pending"), out);
    }

    static void printPending(JsonNode pending, PrintWriter out) {
        if (pending.isEmpty()) {
            out.println("nothing pending");
            return;
        }
        out.printf("%-12s %-10s %-9s %-7s %-14s %s%n", "VERSION", "ENV", "APPROVALS", "BACKUP", "AUTHOR", "DESCRIPTION");
        for (JsonNode p : pending) {
            String backup = !p.path("backupRequired").asBoolean() ? "-"
                    : codes(p).contains("NO_BACKUP") ? "missing" : "ok";
            out.printf("%-12s %-10s %-9s %-7s %-14s %s%n", p.path("version").asText(), p.path("environment").asText(),
                    p.path("approvals").asInt() + " of " + p.path("requiredApprovals").asInt(), backup,
                    p.path("author").asText("-"), p.path("description").asText(""));
            if (p.path("blockedBy").isEmpty()) {
                out.println("    ready: ledger migrate would be authorized");
            }
            for (JsonNode reason : p.path("blockedBy")) {
                out.println("    " + reason.path("code").asText() + ": " + oneLine(reason.path("message").asText()));
            }
        }
    }

    private static List<String> codes(JsonNode p) {
        List<String> codes = new ArrayList<>();
        p.path("blockedBy").forEach(r -> codes.add(r.path("code").asText()));
        return codes;
    }

    static String oneLine(String text) {
        return text.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
