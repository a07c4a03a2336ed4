package dev.migrationledger.executor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrationledger.executor.client.LedgerClient;
import dev.migrationledger.executor.client.LedgerJson;
import dev.migrationledger.executor.exit.ExitCodes;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ledger approve}: fetches the planned script, shows its checksum and head, and approves exactly that
 * checksum — an approval is bound to what the approver was shown, never to whatever is planned by the time it lands.
 */
// --version names the migration here, so the command has no standard --version option
@Command(name = "approve",
        description = {
                "Approve the planned checksum of a migration: shows the checksum, the script's first lines "
                + "and its lint findings, then records the approval bound to that checksum.",
                "Exit codes: 0 approved, 1 the planned checksum is not the one given with --checksum, 2 usage "
                + "or configuration error, 3 refused by policy (SELF_APPROVAL, DUPLICATE_APPROVER, "
                + "CHECKSUM_MISMATCH after a replan), 5 ledger unreachable."})
public final class ApproveCommand extends ProjectCommand {

    static final int HEAD_LINES = 20;

    @Mixin
    HelpOption help;

    @Option(names = "--version", required = true, description = "The migration's version.")
    String version;

    @Option(names = "--env", description = "Approve for this environment only; default: every environment.")
    String environment;

    @Option(names = "--checksum", description = "Approve only if this is the planned checksum (e.g. the one a "
            + "reviewer read in the dashboard).")
    String expectedChecksum;

    @Option(names = "--comment", description = "Why, or what was checked.")
    String comment;

    @Option(names = "--json", description = "Print the script shown and the approval as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return LedgerCall.run(spec, () -> {
            LedgerClient client = ledger.client();
            JsonNode script = client.script(project.id, version);
            String checksum = script.path("checksum").asText();
            if (!json) {
                show(script, out);
            }
            if (expectedChecksum != null && !expectedChecksum.strip().equalsIgnoreCase(checksum)) {
                err.println("ledger approve: " + script.path("version").asText() + " is planned with checksum "
                        + checksum + ", not " + expectedChecksum.strip() + "; it was replanned since — read the new "
                        + "script and approve again. Nothing was approved");
                return ExitCodes.CHECK_FAILED;
            }
            JsonNode approval = client.approve(project.id, version, checksum, environment, comment);
            if (json) {
                ObjectNode answer = LedgerJson.MAPPER.createObjectNode();
                answer.set("script", script);
                answer.set("approval", approval);
                out.println(LintReport.JSON.writeValueAsString(answer));
            } else {
                out.println("approved " + approval.path("version").asText() + " checksum " + checksum + " for "
                        + (environment == null ? "every environment" : environment) + " as "
                        + approval.path("approver").asText() + " (approval " + approval.path("approvalId").asText()
                        + "; revoke with ledger revoke --project " + project.id + " --version " + version
                        + " --approval " + approval.path("approvalId").asText() + ")");
            }
            out.flush();
            return ExitCodes.SUCCESS;
        });
    }

    private static void show(JsonNode script, PrintWriter out) {
        out.println("version  " + script.path("version").asText());
        out.println("checksum " + script.path("checksum").asText());
        if (!script.path("stored").asBoolean()) {
            out.println("(the ledger has no text for this checksum: it was planned by a CLI that did not upload "
                    + "scripts; compare the checksum with the file: sha256sum)");
            return;
        }
        String[] lines = script.path("text").asText().split("\n", -1);
        int shown = Math.min(HEAD_LINES, lines.length);
        for (int i = 0; i < shown; i++) {
            out.printf("  %4d | %s%n", i + 1, lines[i]);
        }
        if (lines.length > shown + 1) {
            out.println("  … " + (lines.length - shown - 1) + " more lines (GET …/migrations/"
                    + script.path("version").asText() + "/script)");
        }
        for (JsonNode f : script.path("findings")) {
            out.println("  lint " + f.path("severity").asText() + " " + f.path("ruleId").asText() + " line "
                    + f.path("line").asText("?") + ": " + f.path("message").asText());
        }
        if (script.hasNonNull("diff")) {
            out.println("  replanned from " + script.path("previousChecksum").asText() + "; diff:");
            script.path("diff").asText().lines().forEach(l -> out.println("  " + l));
        }
    }
}
