package dev.migrationledger.executor.flyway;

import dev.migrationledger.executor.client.LedgerClient;
import dev.migrationledger.executor.client.LedgerProblemException;
import dev.migrationledger.executor.client.LedgerUnreachableException;
import dev.migrationledger.executor.exit.ExitCodes;
import dev.migrationledger.executor.schema.CatalogReader;
import dev.migrationledger.executor.schema.SchemaFingerprint;
import dev.migrationledger.ledger.api.AuthorizationGrant;
import dev.migrationledger.ledger.api.ReportedReason;
import dev.migrationledger.ledger.integrity.LogPublicKey;
import dev.migrationledger.ledger.integrity.SignedAuthorization;
import dev.migrationledger.ledger.wire.AuthorizationResponse.Denial;
import dev.migrationledger.ledger.wire.AuthorizationResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;

/**
 * One {@code ledger migrate}: re-send unacknowledged facts, compute pending, authorize the checksum of every
 * pending file, verify the signed answer, apply the authorized prefix with Flyway (from the bytes that were
 * checksummed), record. Every ledger call happens before {@code flyway.migrate()} or after it returns, never
 * while a migration's transaction is open.
 */
public final class GatedMigration {

    private static final String CHECKSUM_NOT_PLANNED = "CHECKSUM_NOT_PLANNED";

    /** Test hook: halt the JVM right after Flyway returned, before anything is recorded (crash tests). */
    public static final String CRASH_AFTER_APPLY = "LEDGER_TEST_CRASH_AFTER_APPLY";

    /**
     * Where the run's facts belong and what they carry besides the history row; {@code ledgerKey} is the
     * operator's key for the signed authorization (null: the one pinned in the target, or pinned on first use).
     */
    public record Request(String project, String environment, String upTo, String gitSha, String pipelineUrl,
                          boolean dryRun, LedgerKeyTrust.GivenKey ledgerKey) {

        public Request(String project, String environment, String upTo, String gitSha, String pipelineUrl,
                       boolean dryRun) {
            this(project, environment, upTo, gitSha, pipelineUrl, dryRun, null);
        }
    }

    private final Request request;
    private final MigrationDirectory directory;
    private final TargetDatabase target;
    private final Supplier<LedgerClient> clients;
    private final Progress progress;

    public GatedMigration(Request request, MigrationDirectory directory, TargetDatabase target, LedgerClient client,
                          Progress progress) {
        this(request, directory, target, () -> client, progress);
    }

    /**
     * @param clients the ledger's client, asked for once Flyway has read the target: a client still starting
     *                (and asking whether the project is known) can finish meanwhile; what it throws, run throws,
     *                before anything is written to the target
     */
    public GatedMigration(Request request, MigrationDirectory directory, TargetDatabase target,
                          Supplier<LedgerClient> clients, Progress progress) {
        this.request = request;
        this.directory = directory;
        this.target = target;
        this.clients = clients;
        this.progress = progress;
    }

    public MigrationReport run() throws SQLException {
        MigrationReport report = new MigrationReport();
        report.dryRun = request.dryRun();
        FlywayEngine engine = new FlywayEngine(target, directory);
        try (Connection control = target.connect()) {
            control.setAutoCommit(true);
            String schema = LedgerOutbox.currentSchema(control);
            FlywayHistoryTable history = FlywayHistoryTable.in(schema);
            LedgerOutbox outbox = new LedgerOutbox(control, schema);
            if (!request.dryRun()) {
                // lock first: CREATE … IF NOT EXISTS is not safe against a concurrent run doing the same
                outbox.lockRun();
            }
            // Flyway only reads the target here, which needs no ledger: on two cores its start overlaps the
            // client's (measured: docs/performance.md). Re-sending earlier facts below never changes the history;
            // a directory Flyway cannot read still lets them go out first, as when pending was read after them.
            Map<String, MigrationScript> read;
            RuntimeException unreadable = null;
            try {
                read = pendingScripts(engine);
            } catch (RuntimeException e) {
                read = null;
                unreadable = e;
            }
            LedgerClient client = clients.get();
            SchemaSnapshotOutbox snapshots = new SchemaSnapshotOutbox(control);
            FactSender sender = new FactSender(client, outbox, snapshots, progress);
            LedgerKeyTrust trust = new LedgerKeyTrust(control, client, progress);
            if (!request.dryRun()) {
                outbox.ensureTable();
                snapshots.ensureTable();
                trust.ensureTable();
                outbox.settle(history, null, Map.of());
                try {
                    report.recorded.addAll(sender.sendAll());
                } catch (LedgerUnreachableException e) {
                    report.unrecorded = outbox.unacknowledged().size();
                    return report.end(ExitCodes.UNREACHABLE, e.getMessage() + "; nothing applied");
                } catch (LedgerProblemException e) {
                    return report.end(factProblemExit(e), "re-sending earlier facts was refused, nothing applied: "
                            + e.getMessage());
                }
                if (!report.recorded.isEmpty()) {
                    progress.info("re-sent " + report.recorded.size() + " fact(s) of an earlier run");
                }
            }
            if (unreadable != null) {
                throw unreadable;
            }
            Map<String, MigrationScript> pending = read;
            report.pending.addAll(pending.keySet());
            if (pending.isEmpty()) {
                return report.end(ExitCodes.SUCCESS, "nothing to migrate");
            }
            String targetDigest = TargetIdentity.digest(control, schema);
            Map<String, String> checksums = new LinkedHashMap<>();
            pending.forEach((key, script) -> checksums.put(key, script.checksum().hex()));
            if (request.dryRun()) {
                return dryRun(client, report, pending, checksums, targetDigest);
            }

            LogPublicKey ledgerKey;
            report.runId = "run-" + UUID.randomUUID();
            AuthorizationResponse authorization;
            try {
                ledgerKey = trust.trusted(request.ledgerKey());
                authorization = client.authorize(request.project(), request.environment(), report.runId, checksums,
                        targetDigest, false);
            } catch (LedgerUnreachableException e) {
                return report.end(ExitCodes.UNREACHABLE, e.getMessage() + "; nothing applied");
            } catch (LedgerProblemException e) {
                return report.end(ExitCodes.of(e), "authorization refused, nothing applied: " + e.getMessage());
            } catch (IllegalArgumentException | IllegalStateException e) {
                return report.end(ExitCodes.DENIED, "cannot trust the ledger's key, nothing applied: " + e.getMessage());
            }
            report.denied.addAll(authorization.denied());
            report.denied.forEach(d -> progress.info(d.version() + " denied: " + reasons(d, pending.get(d.version()))));
            List<String> changed = report.denied.stream().filter(d -> d.hasReason(CHECKSUM_NOT_PLANNED))
                    .map(d -> pending.containsKey(d.version()) ? pending.get(d.version()).fileName() : d.version()).toList();
            if (!changed.isEmpty()) {
                // A file that differs from its plan means the directory is not what was reviewed: run none of it.
                return report.end(ExitCodes.DENIED, String.join(", ", changed) + " changed since planned; nothing "
                        + "applied — run ledger plan (and have the new checksum approved where required), then migrate");
            }
            List<String> prefix = authorizedPrefix(List.copyOf(pending.keySet()), authorization.authorized());
            if (prefix.isEmpty()) {
                return report.end(ExitCodes.DENIED, "the ledger authorized nothing; nothing applied");
            }
            AuthorizationGrant grant;
            try {
                grant = AuthorizationCheck.verify(authorization, ledgerKey, new AuthorizationCheck.Expected(
                        request.project(), request.environment(), report.runId, targetDigest, pending), Instant.now());
            } catch (AuthorizationCheck.Refused e) {
                return report.end(ExitCodes.DENIED, "refusing the authorization, nothing applied: " + e.getMessage());
            }
            report.authorized.addAll(prefix);
            report.authorizationDigest = SignedAuthorization.digest(authorization.envelope());

            List<LedgerOutbox.Intent> intents = prefix.stream()
                    .map(k -> new LedgerOutbox.Intent(k, pending.get(k).checksum().hex())).toList();
            outbox.addIntents(report.runId, request.project(), request.environment(), history.maxRank(control), intents,
                    request.gitSha(), request.pipelineUrl(), report.authorizationDigest);
            String lastVersioned = prefix.stream().filter(k -> !pending.get(k).isRepeatable())
                    .reduce((a, b) -> b).orElse(null);
            boolean repeatablesAuthorized = pending.entrySet().stream()
                    .filter(e -> e.getValue().isRepeatable()).allMatch(e -> prefix.contains(e.getKey()));
            LedgerGateCallback gate = new LedgerGateCallback(new HashSet<>(prefix), repeatablesAuthorized,
                    grant.expiresAt(), progress);
            FlywayException failure = null;
            try {
                engine.migrate(lastVersioned, gate);
            } catch (FlywayException e) {
                if (!gate.stoppedBeforeRepeatables() && gate.refused() == null) {
                    failure = e;
                }
            }
            if ("1".equals(System.getenv(CRASH_AFTER_APPLY))) {
                Runtime.getRuntime().halt(137);
            }
            if (failure != null && gate.failedKey() != null) {
                report.failed = gate.failedKey();
                report.error = failureMessage(failure);
                outbox.recordFailure(LedgerOutbox.executionId(report.runId, gate.failedKey()),
                        gate.failedStart() == null ? Instant.now() : gate.failedStart(), Instant.now(),
                        truncate(report.error));
            }

            outbox.settle(history, report.runId, gate.observed());
            if (outbox.applied(report.runId)) {
                // Stored before the fact that names it, both before the first send: a re-send is identical.
                SchemaFingerprint live = CatalogReader.read(control);
                snapshots.save(live);
                outbox.attachFingerprint(report.runId, live.fingerprint());
                report.schemaFingerprint = live.fingerprint();
            }
            try {
                List<MigrationReport.Recorded> now = sender.sendAll();
                report.recorded.addAll(now);
                now.stream().filter(r -> r.executionId().startsWith(report.runId + "/") && "APPLIED".equals(r.status()))
                        .forEach(r -> report.applied.add(r.version()));
                now.stream().filter(r -> !r.violations().isEmpty()).forEach(r -> progress.info(r.version()
                        + " recorded with violations: " + r.violations().stream().map(ReportedReason::format).toList()));
            } catch (LedgerUnreachableException e) {
                report.unrecorded = outbox.unacknowledged().size();
                return report.end(failure != null ? ExitCodes.CHECK_FAILED : ExitCodes.UNREACHABLE, e.getMessage()
                        + "; " + report.unrecorded + " fact(s) kept in the target and sent on the next run");
            } catch (LedgerProblemException e) {
                report.unrecorded = outbox.unacknowledged().size();
                return report.end(factProblemExit(e), "recording was refused (kept for the next run): " + e.getMessage());
            }
            if (failure != null) {
                return report.end(ExitCodes.CHECK_FAILED, (report.failed == null ? "" : report.failed + " failed: ")
                        + failure.getMessage());
            }
            if (gate.refused() != null) {
                return report.end(ExitCodes.DENIED, "applied " + report.applied.size() + " migration(s), then "
                        + gate.refused());
            }
            if (!report.denied.isEmpty() || gate.stoppedBeforeRepeatables()) {
                return report.end(ExitCodes.DENIED, "applied what was authorized; the rest was denied");
            }
            return report.end(ExitCodes.SUCCESS, "applied " + prefix.size() + " migration(s)");
        }
    }

    /** Pending migrations in Flyway's order, each with our reading of its file. */
    private Map<String, MigrationScript> pendingScripts(FlywayEngine engine) {
        Map<String, MigrationScript> byKey = new LinkedHashMap<>();
        directory.scripts().forEach(s -> byKey.put(s.version().key(), s));
        Map<String, MigrationScript> pending = new LinkedHashMap<>();
        for (MigrationInfo info : engine.pending(request.upTo())) {
            String key = FlywayEngine.key(info);
            MigrationScript script = byKey.get(key);
            if (script == null) {
                throw new MigrationDirectoryException("Flyway found " + info.getScript()
                        + ", which the ledger's reading of the directory does not have; rename or remove it");
            }
            pending.put(key, script);
        }
        return pending;
    }

    /** R4: the ledger judges in order and stops at the first denial; apply only the unbroken prefix. */
    static List<String> authorizedPrefix(List<String> pending, List<String> authorized) {
        Set<String> granted = new HashSet<>(authorized);
        List<String> prefix = new ArrayList<>();
        for (String key : pending) {
            if (!granted.contains(key)) {
                break;
            }
            prefix.add(key);
        }
        return prefix;
    }

    private static int factProblemExit(LedgerProblemException e) {
        return e.isAuthProblem() ? ExitCodes.USAGE : ExitCodes.CHECK_FAILED;
    }

    /** A denial as the user reads it: which file (and its checksum, when that is the problem), and every reason. */
    private static String reasons(Denial denial, MigrationScript script) {
        String file = script == null ? "" : "(" + script.fileName()
                + (denial.hasReason(CHECKSUM_NOT_PLANNED) ? ", checksum " + script.checksum().hex() : "") + ") ";
        return file + String.join("; ", denial.reasons().stream().map(ReportedReason::format).toList());
    }

    /**
     * A dry run: the ledger judges every pending file as the gate would (each as if the earlier ones had been
     * applied) and records nothing; each file is shown with its checksum against the planned one.
     */
    private MigrationReport dryRun(LedgerClient client, MigrationReport report, Map<String, MigrationScript> pending,
                                   Map<String, String> checksums, String targetDigest) {
        AuthorizationResponse judged;
        try {
            judged = client.authorize(request.project(), request.environment(), "dry-run-" + UUID.randomUUID(),
                    checksums, targetDigest, true);
        } catch (LedgerUnreachableException e) {
            return report.end(ExitCodes.UNREACHABLE, e.getMessage() + "; dry run, nothing applied");
        } catch (LedgerProblemException e) {
            return report.end(ExitCodes.of(e), "the dry run was refused: " + e.getMessage());
        }
        Map<String, Denial> denials = new LinkedHashMap<>();
        judged.denied().forEach(d -> denials.put(d.version(), d));
        for (Map.Entry<String, MigrationScript> e : pending.entrySet()) {
            MigrationScript script = e.getValue();
            Denial denial = denials.get(e.getKey());
            List<ReportedReason> reasons = denial == null ? List.of() : denial.reasons();
            Boolean matchesPlan = denial != null && denial.hasReason("UNKNOWN_MIGRATION") ? null
                    : denial == null || !denial.hasReason(CHECKSUM_NOT_PLANNED);
            String verdict = judged.authorized().contains(e.getKey()) ? "AUTHORIZED" : denial != null ? "DENIED" : "WAITING";
            report.judged.add(new MigrationReport.Judged(e.getKey(), script.fileName(), script.checksum().hex(),
                    matchesPlan, verdict, reasons));
            progress.info("[dry run] " + script.fileName() + " " + script.checksum().hex() + " "
                    + (matchesPlan == null ? "not planned" : matchesPlan ? "= planned" : "≠ planned") + ": " + switch (verdict) {
                        case "AUTHORIZED" -> "would be authorized";
                        case "DENIED" -> "would be denied";
                        default -> "passes, but waits for the denied version(s) before it";
                    });
            reasons.forEach(r -> progress.info("[dry run]     " + r.format()));
        }
        report.authorized.addAll(judged.authorized());
        report.denied.addAll(judged.denied());
        String summary = "dry run: " + judged.authorized().size() + " of " + pending.size()
                + " pending would be authorized" + (denials.isEmpty() ? "" : ", " + denials.size() + " denied")
                + "; nothing applied or recorded";
        return report.end(denials.isEmpty() ? ExitCodes.SUCCESS : ExitCodes.DENIED, summary);
    }

    /**
     * Flyway's message without its advice to its own CLI ("Run Flyway with -X …"): the message already names the
     * script, line and statement, and this is not Flyway's command line.
     */
    static String failureMessage(FlywayException failure) {
        String message = failure.getMessage();
        return message == null ? failure.getClass().getSimpleName() : message.lines()
                .filter(line -> !line.contains("Run Flyway with -X")).collect(Collectors.joining("\n")).strip();
    }

    private static String truncate(String message) {
        String text = message == null ? "failed" : message;
        return text.length() > 4000 ? text.substring(0, 4000) + "…" : text;
    }
}
