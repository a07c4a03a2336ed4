package dev.migrationledger.executor.cli;

import dev.migrationledger.executor.client.LedgerClient;
import dev.migrationledger.executor.client.LedgerProblemException;
import dev.migrationledger.executor.client.LedgerUnreachableException;
import dev.migrationledger.executor.client.UnknownProjectException;
import dev.migrationledger.executor.exit.ExitCodes;
import dev.migrationledger.executor.flyway.MigrationDirectoryException;
import dev.migrationledger.executor.flyway.TargetDatabase;
import dev.migrationledger.executor.scan.HistoryImportException;
import dev.migrationledger.executor.scan.TargetScan;
import dev.migrationledger.ledger.api.DriftScanResult;
import dev.migrationledger.ledger.wire.DriftScanRequest;
import dev.migrationledger.ledger.wire.DriftScanResponse;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ledger scan}: the real database (history table and live schema) against what the ledger recorded. */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = {
                "Compare the target database with the ledger: the history table of the tool that migrates it "
                + "(Flyway, Liquibase, Alembic or Prisma, found like ledger import finds it) and the live "
                + "schema's fingerprint.",
                "The ledger records the scan and answers with its drift findings.",
                "Exit codes: 0 no drift, 2 usage or configuration error, 4 drift found, 5 ledger unreachable."})
public final class ScanCommand extends ProjectCommand {

    @Mixin
    EnvironmentOption environment;

    @Mixin
    TargetOptions targetDb;

    @Option(names = "--from", defaultValue = "auto", description = "flyway, liquibase, alembic, prisma, or auto (the "
            + "one history table found on the search path; Flyway's when there is none). Default: auto.")
    String from;

    @Option(names = "--dir", defaultValue = "${env:LEDGER_DIR}", description = "The tool's migration directory, as for"
            + " ledger import: a Flyway directory (rows whose CRC32 matches a file get its SHA-256, so the ledger can"
            + " compare them), Alembic's versions directory (required for alembic), Prisma's migrations folder."
            + " Env: LEDGER_DIR.")
    Path dir;

    @Option(names = "--json", description = "Print the ledger's answer (findings, resolved) as JSON on stdout.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        LedgerClient client;
        TargetScan scan;
        try {
            TargetDatabase target = targetDb.database();
            client = ledger.client();
            client.requireRegistered(project.id, environment.name);
            try (Connection c = target.connect()) {
                scan = TargetScan.read(c, from, dir);
            }
        } catch (HistoryImportException | MigrationDirectoryException | IllegalArgumentException | UnknownProjectException e) {
            err.println("ledger scan: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (LedgerUnreachableException e) {
            err.println("ledger scan: " + e.getMessage());
            return ExitCodes.UNREACHABLE;
        } catch (LedgerProblemException e) {
            err.println("ledger scan: " + e.getMessage());
            return ExitCodes.ofRecord(e);
        } catch (SQLException e) {
            err.println("ledger scan: cannot read the target database " + targetDb.url + ": " + e.getMessage());
            return ExitCodes.USAGE;
        }
        DriftScanRequest request = scan.request();
        DriftScanResponse result;
        try {
            try {
                client.putSchemaSnapshot(request.schemaFingerprint(), request.schemaDescription());
            } catch (LedgerProblemException e) {
                if (e.isAuthProblem()) {
                    throw e;
                }
                // The scan carries the description too; a service that refuses it here may still take the scan.
                err.println("ledger scan: the ledger did not store the schema description: " + e.getMessage());
            }
            result = client.driftScan(project.id, environment.name, request);
        } catch (LedgerUnreachableException e) {
            err.println("ledger scan: " + e.getMessage());
            return ExitCodes.UNREACHABLE;
        } catch (LedgerProblemException e) {
            err.println("ledger scan: the scan was refused: " + e.getMessage());
            return ExitCodes.ofRecord(e);
        }
        if (json) {
            out.println(LintReport.JSON.writeValueAsString(result));
        } else {
            print(request, result, out);
        }
        out.flush();
        return result.findings().isEmpty() ? ExitCodes.SUCCESS : ExitCodes.DRIFT;
    }

    private static void print(DriftScanRequest request, DriftScanResponse result, PrintWriter out) {
        out.printf("scan %s: %d %s history row(s), schema fingerprint %s%n", result.scanId() == null ? request.scanId()
                : result.scanId(), request.history().size(), request.tool().wireName(),
                request.schemaFingerprint().substring(0, 12));
        if (result.findings().isEmpty()) {
            out.println("no drift");
        }
        for (DriftScanResult.Finding finding : result.findings()) {
            out.printf("%s %s: %s%s%n", finding.kind(), finding.version() == null ? "-" : finding.version(),
                    finding.detail() == null ? "" : finding.detail(),
                    finding.since() == null ? "" : " (since " + finding.since() + ")");
            finding.objects().forEach(o -> out.println("    " + o));
        }
        if (!result.resolved().isEmpty()) {
            out.println("resolved since the last scan: " + result.resolved().size());
        }
    }
}
