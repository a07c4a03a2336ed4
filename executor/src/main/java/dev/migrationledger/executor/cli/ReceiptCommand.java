package dev.migrationledger.executor.cli;

import dev.migrationledger.executor.client.LedgerClient;
import dev.migrationledger.executor.client.LedgerProblemException;
import dev.migrationledger.executor.exit.ExitCodes;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ledger receipt}: saves the signed receipt of a version's fact in an environment, for {@code ledger verify}. */
// --version names the migration here, so the command has no standard --version option
@Command(name = "receipt",
        description = {
                "Save the signed receipt of the last fact recorded for a version in an environment, exactly "
                + "as the ledger serves it, for ledger verify (offline, with the ledger's public key).",
                "Exit codes: 0 saved, 1 not issued yet (a fact's receipt comes with its leaf, seconds after "
                + "it), 2 usage or configuration error (an unknown project, environment or version), 5 ledger "
                + "unreachable."})
public final class ReceiptCommand extends ProjectCommand {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Mixin
    EnvironmentOption environment;

    @Option(names = "--version", required = true, paramLabel = "V", description = "The migration's version, e.g. 1 or 2.1.")
    String version;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Where to save it. Default: receipt-PROJECT-ENV-VERSION.json in the working directory.")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        return LedgerCall.run(spec, () -> {
            LedgerClient client = ledger.client();
            client.requireRegistered(project.id, environment.name);
            String receipt;
            try {
                receipt = client.receipt(project.id, environment.name, version);
            } catch (LedgerProblemException e) {
                if (e.status() == 404 && "Receipt not issued yet".equals(e.title())) {
                    spec.commandLine().getErr().println("ledger receipt: " + e.getMessage());
                    return ExitCodes.CHECK_FAILED;
                }
                throw e;
            }
            Path file = out != null ? out : Path.of("receipt-" + project.id + "-" + environment.name + "-" + version + ".json");
            LedgerCall.save(file, receipt);
            stdout.println("saved the receipt of " + version + " in "
                    + environment.name + " to " + file + "; check it with: ledger verify " + file + " --key ledger-pub.pem");
            stdout.flush();
            return ExitCodes.SUCCESS;
        });
    }
}
