package dev.migrationledger.executor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.migrationledger.executor.client.LedgerClient;
import dev.migrationledger.executor.client.LedgerJson;
import dev.migrationledger.executor.client.LedgerProblemException;
import dev.migrationledger.executor.client.LedgerUnreachableException;
import dev.migrationledger.executor.client.UnknownProjectException;
import dev.migrationledger.executor.exit.ExitCodes;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ledger status}: the ledger's state table of one environment, or of every environment of a project. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {
                "Show the ledger's state table per environment: applied migrations, then pending ones, "
                + "failures and open drift findings in their own sections (one line each).",
                "Applied rows carry version, description, checksum, when, by whom and violations.",
                "Exit codes: 0 shown, 2 usage or configuration error (unknown project or environment, bad "
                + "token), 5 ledger unreachable."})
public final class StatusCommand extends ProjectCommand {

    @Option(names = "--env", description = "One environment; default: every environment of the project, in order.")
    String environment;

    @Option(names = "--json", description = "Print the ledger's state documents as a JSON array.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        List<JsonNode> states = new ArrayList<>();
        try {
            LedgerClient client = ledger.client();
            client.requireRegistered(project.id, environment);
            for (String env : environments(client)) {
                states.add(client.state(project.id, env));
            }
        } catch (IllegalArgumentException | UnknownProjectException e) {
            err.println("ledger status: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (LedgerUnreachableException e) {
            err.println("ledger status: " + e.getMessage());
            return ExitCodes.UNREACHABLE;
        } catch (LedgerProblemException e) {
            err.println("ledger status: " + e.getMessage());
            return e.status() == 404 || e.isAuthProblem() ? ExitCodes.USAGE : ExitCodes.CHECK_FAILED;
        }
        if (json) {
            ArrayNode array = LedgerJson.MAPPER.createArrayNode();
            states.forEach(array::add);
            out.println(LintReport.JSON.writeValueAsString(array));
        } else {
            states.forEach(state -> print(state, out));
        }
        out.flush();
        return ExitCodes.SUCCESS;
    }

    private List<String> environments(LedgerClient client) {
        if (environment != null) {
            return List.of(environment);
        }
        List<String> names = new ArrayList<>();
        client.project(project.id).path("environments").forEach(e -> names.add(e.path("name").asText()));
        return names;
    }

    static void print(JsonNode state, PrintWriter out) {
        out.printf("%s / %s  (current version: %s)%n", state.path("project").asText(), state.path("environment").asText(),
                state.path("currentVersion").isMissingNode() || state.path("currentVersion").isNull()
                        ? "none" : state.path("currentVersion").asText());
        out.printf("  %-12s %-30s %-12s %-24s %-14s %s%n", "VERSION", "DESCRIPTION", "CHECKSUM", "APPLIED AT", "BY", "VIOLATIONS");
        for (JsonNode m : state.path("applied")) {
            List<String> codes = new ArrayList<>();
            m.path("violations").forEach(v -> codes.add(v.isObject() ? v.path("code").asText() : v.asText()));
            out.printf("  %-12s %-30s %-12s %-24s %-14s %s%n", m.path("version").asText(),
                    clip(m.path("description").asText(), 30), clip(m.path("checksum").asText(), 12),
                    m.path("appliedAt").asText(), clip(m.path("actor").asText(), 14), String.join(",", codes));
        }
        if (!state.path("pending").isEmpty()) {
            out.println("  pending:");
            for (JsonNode p : state.path("pending")) {
                out.printf("    %-12s %s%n", p.path("version").asText(), clip(p.path("checksum").asText(), 12));
            }
        }
        if (!state.path("failed").isEmpty()) {
            out.println("  failures:");
            for (JsonNode f : state.path("failed")) {
                out.printf("    %-12s failed at %s: %s%n", f.path("version").asText(), f.path("failedAt").asText(),
                        clip(PendingCommand.oneLine(f.path("error").asText()), 160));
            }
        }
        if (!state.path("drift").isEmpty()) {
            out.println("  drift:");
            for (JsonNode d : state.path("drift")) {
                out.printf("    %-34s %-12s %s%n", d.path("kind").asText(), d.path("version").asText("-"),
                        clip(PendingCommand.oneLine(d.path("detail").asText()), 160));
            }
        }
        out.println();
    }

    private static String clip(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }
}
