package dev.migrationledger.ledger.domain;

import dev.migrationledger.ledger.api.DriftDetected;
import dev.migrationledger.ledger.api.DriftResolved;
import dev.migrationledger.ledger.api.DriftScanResult;
import dev.migrationledger.ledger.api.HistoryRow;
import dev.migrationledger.ledger.api.LedgerEvent;
import dev.migrationledger.ledger.api.RecordDriftScan;
import dev.migrationledger.ledger.api.ToolChange;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares a scan of the real database with what the ledger holds for the environment. A scan is a
 * fact: it is never refused for what it found. Each finding has an id derived from environment, kind
 * and subject (version or schema objects), so a re-scan that sees the same drift recognises it as
 * still open instead of reporting it again; an open finding a scan no longer sees is resolved.
 * Only what the scan looked at is judged: without history rows the history kinds stay as they were,
 * without a fingerprint the schema kind does.
 */
final class DriftScan {

    static final int MAX_HISTORY = 10_000;
    static final int MAX_DIFFERENCES = 1_000;
    private static final Set<String> HISTORY_KINDS = Set.of(DriftKind.MISSING_IN_DB.name(),
            DriftKind.UNKNOWN_IN_DB.name(), DriftKind.CHECKSUM_DIFFERS.name(), DriftKind.FAILED_IN_DB.name());

    private record Seen(DriftKind kind, String version, String detail, List<String> objects, String subject) {
    }

    private final ProjectState state;
    private final String projectId;

    DriftScan(ProjectState state, String projectId) {
        this.state = state;
        this.projectId = projectId;
    }

    Decision<DriftScanResult> record(RecordDriftScan cmd, Instant now) {
        check(cmd);
        String env = cmd.environment();
        if (state.scan(cmd.scanId()) != null) {
            return Decision.nothing(new DriftScanResult(cmd.scanId(), openFindings(env, Set.of()),
                    state.scan(cmd.scanId()).resolved(), true));
        }
        Map<String, Seen> seen = new LinkedHashMap<>();
        if (cmd.history() != null) {
            compareHistory(env, cmd.tool() == null ? Tool.FLYWAY : cmd.tool(), cmd.history()).forEach(s -> seen.putIfAbsent(findingId(env, s), s));
        }
        if (cmd.schemaFingerprint() != null) {
            Seen schema = compareSchema(env, Checksum.parse(cmd.schemaFingerprint()).hex(),
                    cmd.schemaDifferences() == null ? List.of() : cmd.schemaDifferences());
            if (schema != null) {
                seen.put(findingId(env, schema), schema);
            }
        }
        Map<String, ProjectState.OpenFinding> open = state.openDrift(env);
        List<LedgerEvent> events = new ArrayList<>();
        List<String> detected = new ArrayList<>();
        seen.forEach((id, s) -> {
            if (!open.containsKey(id)) {
                events.add(new DriftDetected(projectId, env, id, s.kind().name(), s.version(), s.detail(), s.objects(),
                        cmd.scanId(), now, now, cmd.actor()));
                detected.add(id);
            }
        });
        List<String> resolved = new ArrayList<>();
        open.forEach((id, f) -> {
            boolean looked = HISTORY_KINDS.contains(f.kind()) ? cmd.history() != null : cmd.schemaFingerprint() != null;
            if (looked && !seen.containsKey(id)) {
                events.add(new DriftResolved(projectId, env, id, cmd.scanId(), now, now, cmd.actor()));
                resolved.add(id);
            }
        });
        return new Decision<>(events,
                () -> new DriftScanResult(cmd.scanId(), openFindings(env, Set.copyOf(detected)), resolved, false));
    }

    private List<DriftScanResult.Finding> openFindings(String env, Set<String> isNew) {
        return state.openDrift(env).entrySet().stream().map(e -> new DriftScanResult.Finding(e.getKey(),
                e.getValue().kind(), e.getValue().version(), e.getValue().detail(), e.getValue().objects(),
                e.getValue().since(), isNew.contains(e.getKey()))).toList();
    }

    private List<Seen> compareHistory(String env, Tool tool, List<HistoryRow> rows) {
        // One verdict per change: any successful row counts as applied (a failed attempt followed by a
        // successful retry is normal) until a later undo row; the last successful row is what the database ran.
        // A row stands for the ledger's version of its change (docs/drift.md): its own version for tools with
        // versions, the one an import gave the change otherwise; a change the ledger never numbered is named by
        // its identity.
        Map<String, HistoryRow> succeeded = new LinkedHashMap<>();
        Map<String, HistoryRow> failedOnly = new LinkedHashMap<>();
        Map<String, HistoryRow> unnumbered = new LinkedHashMap<>();
        for (HistoryRow row : rows) {
            ToolChange change = row.change();
            String key = versionOf(tool, row);
            if (key == null) {
                if (row.success() && !change.undoes()) {
                    unnumbered.put(change.changeId(), row);
                }
                continue;
            }
            if (change != null && change.undoes()) {
                if (row.success()) {
                    succeeded.remove(key);
                }
            } else if (row.success()) {
                succeeded.put(key, row);
                failedOnly.remove(key);
            } else if (!succeeded.containsKey(key)) {
                failedOnly.put(key, row);
            }
        }
        EnvironmentHistory history = state.history(env);
        Map<String, EnvironmentHistory.Applied> applied = history.appliedByVersion();
        List<Seen> found = new ArrayList<>();
        applied.forEach((key, a) -> {
            if (!succeeded.containsKey(key)) {
                found.add(new Seen(DriftKind.MISSING_IN_DB, key, "the ledger records " + key + " as applied in " + env
                        + " (" + a.executionId() + ") but the database's history has no successful run of it",
                        List.of(), key));
            }
        });
        succeeded.forEach((key, row) -> {
            EnvironmentHistory.Applied a = applied.get(key);
            EnvironmentHistory.Imported imported = history.imported(row.sourceId());
            String toolChecksum = row.change() == null ? null : row.change().toolChecksum();
            if (a == null) {
                found.add(new Seen(DriftKind.UNKNOWN_IN_DB, key, "the database's history has " + key
                        + describe(row) + " but the ledger has no applied record of it in " + env, List.of(), key));
            } else if (row.checksum() != null && a.checksum() != null
                    && !Checksum.parse(row.checksum()).hex().equals(a.checksum())) {
                found.add(new Seen(DriftKind.CHECKSUM_DIFFERS, key, "the database ran " + key + " with checksum "
                        + Checksum.parse(row.checksum()).hex() + "; the ledger recorded " + a.checksum(), List.of(), key));
            } else if (imported != null && ToolChange.differ(imported.toolChecksum(), toolChecksum)) {
                found.add(new Seen(DriftKind.CHECKSUM_DIFFERS, key, "the database's history has " + key + describe(row)
                        + " with " + tool.wireName() + " checksum " + toolChecksum + (row.change().reran()
                        ? " (re-ran)" : "") + "; the ledger imported it with " + imported.toolChecksum(), List.of(), key));
            }
        });
        failedOnly.forEach((key, row) -> {
            // A failure the ledger records too (imported, or reported by the executor) is no difference.
            if (history.failed().containsKey(key) && !applied.containsKey(key)) {
                return;
            }
            found.add(new Seen(DriftKind.FAILED_IN_DB, key,
                    "the database's history records a failed run of " + key + describe(row) + " and no later success",
                    List.of(), key));
        });
        unnumbered.forEach((changeId, row) -> found.add(new Seen(DriftKind.UNKNOWN_IN_DB, null, "the database's history has "
                + tool.wireName() + " change " + changeId + describe(row) + " but the ledger has no record of it",
                List.of(), ProjectState.changeKey(tool, changeId))));
        return found;
    }

    /** The ledger's version of the row's change, or null for a change of a tool without versions never imported. */
    private String versionOf(Tool tool, HistoryRow row) {
        ToolChange change = row.change();
        if (tool.versionsItsChanges() || change == null || change.changeId() == null) {
            return Version.parse(row.version()).key();
        }
        return state.versionOfChange(tool, change.changeId());
    }

    private Seen compareSchema(String env, String fingerprint, List<String> differences) {
        EnvironmentHistory.SchemaMark expected = state.history(env).lastSchema();
        if (expected == null || expected.fingerprint().equals(fingerprint)) {
            return null;
        }
        List<String> objects = differences.stream().sorted().toList();
        // The same hand-made change seen again is the same finding; without the differences (no
        // description of the expected schema) the two fingerprints are all that identifies it.
        String subject = objects.isEmpty() ? expected.fingerprint() + ">" + fingerprint : String.join("\n", objects);
        return new Seen(DriftKind.SCHEMA_CHANGED_OUTSIDE_MIGRATIONS, null, "the live schema of " + env
                + " has fingerprint " + fingerprint + "; the last apply (" + expected.executionId() + ", version "
                + expected.version() + ") left " + expected.fingerprint()
                + (objects.isEmpty() ? "; no description of the expected schema is known to name the objects"
                : "; " + objects.size() + " difference(s)"), objects, subject);
    }

    private static String describe(HistoryRow row) {
        StringBuilder out = new StringBuilder();
        if (row.description() != null && !row.description().isBlank()) {
            out.append(" (\"").append(row.description()).append("\")");
        }
        if (row.installedBy() != null && !row.installedBy().isBlank()) {
            out.append(", installed by ").append(row.installedBy());
        }
        if (row.installedOn() != null) {
            out.append(" on ").append(row.installedOn());
        }
        return out.toString();
    }

    private static String findingId(String environment, Seen seen) {
        return findingId(environment, seen.kind(), seen.subject());
    }

    /** The stable id of a finding: the same drift seen by any later scan has the same id. */
    static String findingId(String environment, DriftKind kind, String subject) {
        String text = environment + "\n" + kind + "\n" + subject;
        return "drift-" + Checksum.ofBytes(text.getBytes(StandardCharsets.UTF_8)).hex().substring(0, 24);
    }

    private static void check(RecordDriftScan cmd) {
        InputCheck check = new InputCheck().key("scanId", cmd.scanId());
        List<HistoryRow> history = cmd.history();
        if (history != null) {
            check.require(history.size() <= MAX_HISTORY, "history", "a scan sends at most " + MAX_HISTORY + " history rows");
            for (int i = 0; i < history.size() && i < MAX_HISTORY; i++) {
                HistoryRow row = history.get(i);
                String at = "history[" + i + "]";
                if (row == null) {
                    check.invalid(at, at + " is empty");
                    continue;
                }
                check.version(at + ".version", row.version()).optionalChecksum(at + ".checksum", row.checksum())
                        .text(at + ".description", row.description(), false)
                        .text(at + ".installedBy", row.installedBy(), false)
                        .text(at + ".sourceId", row.sourceId(), false);
                if (row.change() != null) {
                    check.text(at + ".change.changeId", row.change().changeId(), false)
                            .text(at + ".change.toolChecksum", row.change().toolChecksum(), false)
                            .text(at + ".change.state", row.change().state(), false);
                }
            }
        }
        check.optionalChecksum("schemaFingerprint", cmd.schemaFingerprint());
        List<String> differences = cmd.schemaDifferences() == null ? List.of() : cmd.schemaDifferences();
        check.require(differences.size() <= MAX_DIFFERENCES, "schemaDifferences",
                "at most " + MAX_DIFFERENCES + " schema differences");
        differences.stream().limit(MAX_DIFFERENCES).forEach(d -> check.text("schemaDifferences", d, true));
        check.throwIfInvalid();
    }
}
