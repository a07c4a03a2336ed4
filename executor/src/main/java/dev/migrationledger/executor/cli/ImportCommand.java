package dev.migrationledger.executor.cli;

import dev.migrationledger.executor.client.LedgerClient;
import dev.migrationledger.executor.client.LedgerProblemException;
import dev.migrationledger.executor.client.LedgerUnreachableException;
import dev.migrationledger.executor.client.UnknownProjectException;
import dev.migrationledger.executor.exit.ExitCodes;
import dev.migrationledger.executor.flyway.MigrationDirectoryException;
import dev.migrationledger.executor.flyway.TargetDatabase;
import dev.migrationledger.executor.scan.HistoryEntry;
import dev.migrationledger.executor.scan.HistoryImportException;
import dev.migrationledger.executor.scan.ToolHistory;
import dev.migrationledger.ledger.wire.BaselineRequest;
import dev.migrationledger.ledger.wire.BaselineResponse;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ledger import}: another tool's history table, recorded in the ledger as already applied (a baseline). */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {
                "Record the migrations another tool already applied to the target as a baseline: "
                + "flyway_schema_history, Liquibase's databasechangelog, alembic_version (with --dir, the "
                + "revision chain) or _prisma_migrations, each change with the tool's own identity of it.",
                "Importing the same history again records nothing; a history that contradicts an earlier "
                + "import is refused.",
                "Exit codes: 0 imported, 1 refused by the ledger, 2 usage or configuration error (no or "
                + "several history tables with --from auto, a history the ledger cannot represent), 5 ledger "
                + "unreachable."})
public final class ImportCommand extends ProjectCommand {

    @Mixin
    EnvironmentOption environment;

    @Mixin
    TargetOptions targetDb;

    @Option(names = "--from", required = true, description = "flyway, liquibase, alembic, prisma, or auto (the one "
            + "history table found on the search path).")
    String from;

    @Option(names = "--dir", defaultValue = "${env:LEDGER_DIR}", description = "The tool's migration directory:"
            + " Alembic's versions directory (required for alembic: the revision chain), Prisma's migrations folder"
            + " (our checksum of each migration.sql), a Flyway directory (our checksum for rows whose CRC32 matches"
            + " a file). Env: LEDGER_DIR.")
    Path dir;

    @Option(names = "--dry-run", description = "Print the entries that would be recorded; send nothing (the project "
            + "and environment are still checked with the ledger).")
    boolean dryRun;

    @Option(names = "--json", description = "Print the request (with --dry-run) or the ledger's answer as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        ToolHistory source;
        List<HistoryEntry> read;
        LedgerClient client;
        try {
            TargetDatabase target = targetDb.database();
            client = ledger.client();
            client.requireRegistered(project.id, environment.name);
            try (Connection c = target.connect()) {
                source = ToolHistory.choose(from, c);
                read = source.read(c, dir);
            }
        } catch (HistoryImportException | MigrationDirectoryException | IllegalArgumentException | UnknownProjectException e) {
            err.println("ledger import: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (LedgerUnreachableException e) {
            err.println("ledger import: " + e.getMessage());
            return ExitCodes.UNREACHABLE;
        } catch (LedgerProblemException e) {
            err.println("ledger import: " + e.getMessage());
            return ExitCodes.ofRecord(e);
        } catch (SQLException e) {
            err.println("ledger import: cannot read the history from " + targetDb.url + ": " + e.getMessage());
            return ExitCodes.USAGE;
        }
        List<BaselineRequest.ImportedMigration> entries = read.stream().map(HistoryEntry::baseline).toList();
        BaselineRequest request = new BaselineRequest(source.tool(), entries);
        if (!json) {
            read.stream().filter(e -> e.note() != null).forEach(e -> err.println("ledger import: note: " + e.version()
                    + " " + e.description() + ": " + e.note()));
        }
        if (dryRun || entries.isEmpty()) {
            if (json) {
                out.println(LintReport.JSON.writeValueAsString(request));
            } else {
                read.forEach(e -> out.printf("%-16s %-40s %-12s %s%n", e.version(), e.description(),
                        e.change() == null || e.change().state() == null ? (e.success() ? "" : "FAILED") : e.change().state(),
                        e.installedAt() == null ? "" : e.installedAt()));
                out.printf("ledger import: %d %s entr%s from %s%s%n", entries.size(), source.tool().wireName(),
                        entries.size() == 1 ? "y" : "ies", source.table(), dryRun ? ", nothing sent (dry run)" : ", nothing to record");
            }
            out.flush();
            return ExitCodes.SUCCESS;
        }
        BaselineResponse result;
        try {
            result = client.baseline(project.id, environment.name, request);
        } catch (LedgerUnreachableException e) {
            err.println("ledger import: " + e.getMessage());
            return ExitCodes.UNREACHABLE;
        } catch (LedgerProblemException e) {
            err.println("ledger import: the baseline was refused: " + e.getMessage());
            return ExitCodes.ofRecord(e);
        }
        if (json) {
            out.println(LintReport.JSON.writeValueAsString(result));
        } else {
            out.printf("ledger import: %d %s entr%s read from %s, %d new in the ledger%n", entries.size(),
                    source.tool().wireName(), entries.size() == 1 ? "y" : "ies", source.table(), result.recorded());
        }
        out.flush();
        return ExitCodes.SUCCESS;
    }
}
