package dev.migrationledger.executor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrationledger.executor.backup.DumpRestore;
import dev.migrationledger.executor.client.LedgerClient;
import dev.migrationledger.executor.client.LedgerJson;
import dev.migrationledger.executor.exit.ExitCodes;
import dev.migrationledger.ledger.api.BackupEvidence;
import dev.migrationledger.ledger.domain.Checksum;
import dev.migrationledger.ledger.wire.BackupRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ledger backup record|verify}: backups of an environment, declared or restore-tested (R3, §10). */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Record a backup of an environment (R3: destructive changes need one after the last apply).",
        subcommands = {BackupCommand.Record.class, BackupCommand.Verify.class})
public final class BackupCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** {@code ledger backup} alone is a usage error: show the two sub-commands. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    @Command(name = "record", mixinStandardHelpOptions = true,
            description = {
                "Declare a backup of the environment, as a DBA vouching for it.",
                "Exit codes: 0 recorded, 1 refused as invalid, 2 usage or configuration error, 3 refused "
                + "(idempotency conflict: the backup id was used for another backup), 5 ledger unreachable."})
    static final class Record extends AnswerCommand {

        @Mixin
        EnvironmentOption environment;

        @Option(names = "--backup-id", required = true, description = "The backup's id (its idempotency key).")
        String backupId;

        @Option(names = "--location", required = true, description = "Where it is (s3://…, file://…).")
        String location;

        @Option(names = "--taken-at", description = "When it was taken, RFC 3339 UTC; default: now.")
        Instant takenAt;

        @Option(names = "--retention-days", description = "How long it is kept.")
        Integer retentionDays;

        @Option(names = "--restore-tested", description = "It was restored and checked (policy backupVerification: "
                + "restored counts only such backups; ledger backup verify records the evidence).")
        boolean restoreTested;

        @Override
        JsonNode ask(LedgerClient client) {
            if (takenAt == null) {
                takenAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            }
            return client.recordBackup(project.id, environment.name, new BackupRequest(backupId, location,
                    takenAt, retentionDays, restoreTested, null));
        }

        @Override
        void print(JsonNode answer, PrintWriter out) {
            out.println("recorded backup " + backupId + " of " + environment.name + " taken " + takenAt
                    + (restoreTested ? " (restore-tested)" : " (declared)"));
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {
                "Restore-test a pg_dump (custom or directory format) with pg_restore into a scratch database, "
                + "compare the restored schema's fingerprint with the one the ledger last recorded for the "
                + "environment, count rows per table, drop the scratch database, and record the backup with that "
                + "evidence.",
                "Password of the scratch server: LEDGER_DB_PASSWORD.",
                "Exit codes: 0 restored and recorded, 1 the dump did not restore (nothing recorded) or restored "
                + "another schema than the last recorded one (recorded, but R3 does not count it), 2 usage or "
                + "configuration error, 5 ledger unreachable."})
    static final class Verify extends ProjectCommand {

        @Mixin
        EnvironmentOption environment;

        @Option(names = "--dump", required = true, description = "The pg_dump archive: a file (-Fc) or directory (-Fd).")
        Path dump;

        @Option(names = "--scratch-db", required = true, defaultValue = "${env:LEDGER_SCRATCH_DB}",
                description = "JDBC URL of a database on a server where a scratch database may be created and "
                        + "dropped (never the target's production server). Env: LEDGER_SCRATCH_DB.")
        String scratchDb;

        @Option(names = "--db-user", defaultValue = "${env:LEDGER_DB_USER}", description = "User on the scratch "
                + "server (CREATEDB). Env: LEDGER_DB_USER.")
        String dbUser;

        @Option(names = "--backup-id", description = "Default: restore- and the start of the dump's SHA-256.")
        String backupId;

        @Option(names = "--location", description = "Where the backup is kept; default: the dump's file URI.")
        String location;

        @Option(names = "--taken-at", description = "When it was taken, RFC 3339 UTC; default: the dump's modification time.")
        Instant takenAt;

        @Option(names = "--retention-days", description = "How long it is kept.")
        Integer retentionDays;

        @Option(names = "--pg-restore", defaultValue = "pg_restore", description = "The pg_restore to run; default: from PATH.")
        Path pgRestore;

        @Option(names = "--json", description = "Print the evidence and the ledger's answer as JSON.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            return LedgerCall.run(spec, () -> {
                var client = ledger.client();
                client.requireRegistered(project.id, environment.name);
                DumpRestore.Result restored;
                try {
                    restored = new DumpRestore(pgRestore).restore(dump, scratchDb, dbUser,
                            System.getenv("LEDGER_DB_PASSWORD"));
                } catch (DumpRestore.RestoreFailedException e) {
                    err.println("ledger backup verify: " + dump + " does not restore, so no backup was recorded: "
                            + e.getMessage());
                    return ExitCodes.CHECK_FAILED;
                } catch (SQLException e) {
                    err.println("ledger backup verify: cannot create or read the scratch database on " + scratchDb
                            + ": " + e.getMessage() + " (the user needs CREATEDB); nothing was recorded");
                    return ExitCodes.USAGE;
                }
                BackupEvidence evidence = new BackupEvidence("pg_restore", restored.format(),
                        restored.schema().fingerprint(), null, null, restored.rowsByTable().size(), restored.rows(),
                        restored.rowsByTable(), restored.durationMs());
                JsonNode answer = client.recordBackup(project.id, environment.name, new BackupRequest(
                        backupId != null ? backupId : defaultBackupId(dump),
                        location != null ? location : dump.toAbsolutePath().toUri().toString(),
                        takenAt != null ? takenAt : modified(dump), retentionDays, true, evidence));
                JsonNode recorded = answer.path("evidence");
                boolean matches = !recorded.path("fingerprintMatches").isBoolean()
                        || recorded.path("fingerprintMatches").asBoolean();
                if (json) {
                    ObjectNode shown = LedgerJson.MAPPER.createObjectNode();
                    shown.set("backup", answer);
                    out.println(LintReport.JSON.writeValueAsString(shown));
                } else {
                    out.println("restored " + dump + " (" + restored.format() + ") in " + restored.durationMs() + " ms: "
                            + restored.rowsByTable().size() + " tables, " + restored.rows() + " rows");
                    restored.rowsByTable().forEach((table, rows) -> out.printf("  %-40s %d%n", table, rows));
                    out.println("schema fingerprint " + restored.schema().fingerprint() + ": "
                            + (!recorded.path("fingerprintMatches").isBoolean()
                                    ? "the ledger has no schema recorded for " + environment.name + " to compare with"
                                    : matches ? "the schema last recorded for " + environment.name
                                            : "NOT the schema last recorded for " + environment.name + " ("
                                                    + recorded.path("expectedFingerprint").asText() + ")"));
                    out.println("recorded backup " + answer.path("backupId").asText() + " of " + environment.name
                            + " as restore-tested");
                }
                out.flush();
                if (!matches) {
                    err.println("ledger backup verify: the dump restores another schema than the one last recorded for "
                            + environment.name + "; it is recorded with that evidence but does not count as a backup of "
                            + "the current schema (R3). Take a new dump of " + environment.name);
                    return ExitCodes.CHECK_FAILED;
                }
                return ExitCodes.SUCCESS;
            });
        }

        private static String defaultBackupId(Path dump) throws IOException {
            Path content = Files.isDirectory(dump) ? dump.resolve("toc.dat") : dump;
            return "restore-" + Checksum.ofBytes(Files.readAllBytes(content)).hex().substring(0, 16);
        }

        private static Instant modified(Path dump) throws IOException {
            return Files.getLastModifiedTime(dump).toInstant().truncatedTo(ChronoUnit.SECONDS);
        }
    }
}
