package dev.migrationledger.ledger.domain;

import dev.migrationledger.ledger.api.BaselineRecorded;
import dev.migrationledger.ledger.api.LedgerEvent;
import dev.migrationledger.ledger.api.MigrationRolledBack;
import dev.migrationledger.ledger.api.RecordBaseline;
import dev.migrationledger.ledger.api.ToolChange;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Another tool's history recorded as what the environment already holds (docs/cli.md, {@code ledger import}).
 * Each entry is judged against the environment and against the entries before it:
 * <ul>
 *   <li>a row imported before (same {@code sourceId}) with the same content records nothing, so a second
 *       import of the same history is a no-op;</li>
 *   <li>the same row with new content is recorded when the tool itself changed it — Liquibase re-ran the
 *       changeset (RERAN), or a failed or unfinished row finished, failed or was rolled back — and refused
 *       otherwise: a history row that now names another version, checksum or outcome was rewritten
 *       ({@code flyway repair}, {@code liquibase clear-checksums}, a hand edit), and the ledger keeps what ran;</li>
 *   <li>a new row is recorded unless the environment already holds the same version with the same checksum
 *       (applied by the ledger itself, say); a new run of a repeatable is recorded, a Flyway undo row becomes
 *       {@code MigrationRolledBack}.</li>
 * </ul>
 * Every entry is judged before anything is recorded, so a refused import lists every reason and records
 * nothing. Changes of tools without versions (Liquibase, Alembic) keep the version the ledger first gave them:
 * the entry's own (the tool's order) when no other change has it, else the next free one.
 */
final class BaselineImport {

    static final int MAX_BASELINE = 10_000;

    private final ProjectState state;
    private final String projectId;
    private final Set<String> takenVersions = new HashSet<>();
    private final Map<String, String> newChangeVersions = new HashMap<>();
    /** What the entries judged so far will have recorded: later entries see it as if it were state. */
    private final Map<String, EnvironmentHistory.Imported> newImports = new HashMap<>();
    private final Map<String, String> newApplied = new HashMap<>();
    private final Set<String> newUndone = new HashSet<>();
    private final Set<String> newFailed = new HashSet<>();

    BaselineImport(ProjectState state, String projectId) {
        this.state = state;
        this.projectId = projectId;
    }

    /** The events recording the entries that change what the ledger holds; every entry is judged first. */
    List<LedgerEvent> record(RecordBaseline cmd, Instant now) {
        List<RecordBaseline.BaselineEntry> entries = check(cmd);
        String env = cmd.environment();
        EnvironmentHistory history = state.history(env);
        collectTakenVersions();
        InputCheck conflicts = new InputCheck();
        List<LedgerEvent> events = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            LedgerEvent event = judge(env, history, entries.get(i), "entries[" + i + "]", conflicts, cmd.actor(), now);
            if (event != null) {
                events.add(event);
            }
        }
        conflicts.throwIfInvalid();
        return events;
    }

    private LedgerEvent judge(String env, EnvironmentHistory history, RecordBaseline.BaselineEntry e, String at,
                              InputCheck conflicts, String actor, Instant now) {
        ToolChange change = e.change();
        String key = versionOf(e);
        String checksum = e.checksum() == null ? null : Checksum.parse(e.checksum()).hex();
        String toolChecksum = change == null ? null : change.toolChecksum();
        String toolState = change == null ? null : change.state();
        Instant occurredAt = e.installedAt() == null ? now : e.installedAt();
        if (change != null && change.undoes()) {
            if (!e.success() || state.fact(e.sourceId()) != null || newImports.containsKey(e.sourceId())
                    || !isApplied(history, key)) {
                return null; // a failed undo changed nothing; an undo of what the ledger never saw applied undoes nothing here
            }
            newImports.put(e.sourceId(), new EnvironmentHistory.Imported(key, checksum, toolChecksum, true, toolState));
            newUndone.add(key);
            newApplied.remove(key);
            return new MigrationRolledBack(projectId, env, key, e.sourceId(), "undone by " + e.tool().wireName()
                    + (change.file() == null ? "" : " (" + change.file() + ")"), e.tool(), List.of(), occurredAt, now, actor);
        }
        EnvironmentHistory.Imported before = imported(history, e.sourceId());
        EnvironmentHistory.Imported now_ = new EnvironmentHistory.Imported(key, checksum, toolChecksum, e.success(), toolState);
        if (before != null) {
            if (sameRun(before, now_)) {
                return null;
            }
            if (!before.success() || (change != null && change.reran())) {
                return remember(env, e, now_, change, occurredAt, now, actor);
            }
            rewritten(e, at, before, now_, conflicts);
            return null;
        }
        if (e.success()) {
            String applied = appliedChecksum(history, key);
            boolean repeatable = Version.parse(key).isRepeatable();
            if (applied != null && repeatable) {
                if (applied.equals(checksum)) {
                    return null; // a run the ledger recorded itself
                }
            } else if (applied != null) {
                if (checksum != null && !applied.isEmpty() && !applied.equals(checksum)) {
                    conflicts.add(ReasonCode.CHECKSUM_PINNED.reason(key + " is recorded as applied in " + env
                            + " with checksum " + applied + "; " + describe(e) + " ran " + checksum, at + ".checksum"));
                    return null;
                }
                if (change == null || !change.reran()) {
                    return null; // already recorded (applied by the ledger itself, or imported from another row)
                }
            } else if (!repeatable && checksum != null) {
                String pinned = state.pinnedChecksum(key);
                if (pinned != null && !pinned.isEmpty() && !pinned.equals(checksum)) {
                    conflicts.add(ReasonCode.CHECKSUM_PINNED.reason(key + " succeeded elsewhere with checksum " + pinned
                            + "; " + describe(e) + " ran " + checksum, at + ".checksum"));
                    return null;
                }
            }
        } else if (isApplied(history, key) && !Version.parse(key).isRepeatable()) {
            return null; // an earlier failed attempt of a version the environment holds
        }
        return remember(env, e, now_, change, occurredAt, now, actor);
    }

    private BaselineRecorded remember(String env, RecordBaseline.BaselineEntry e, EnvironmentHistory.Imported run,
                                      ToolChange change, Instant occurredAt, Instant now, String actor) {
        if (e.sourceId() != null) {
            newImports.put(e.sourceId(), run);
        }
        if (run.success()) {
            newApplied.put(run.version(), run.checksum() == null ? "" : run.checksum());
            newUndone.remove(run.version());
        } else {
            newFailed.add(run.version());
        }
        return new BaselineRecorded(projectId, env, run.version(), e.description(), run.checksum(), e.success(), e.tool(),
                e.installedBy(), e.sourceId(), occurredAt, now, actor, change);
    }

    /** Same version, outcome and state, and no checksum that differs; times and tags may move. */
    private static boolean sameRun(EnvironmentHistory.Imported a, EnvironmentHistory.Imported b) {
        return a.version().equals(b.version()) && a.success() == b.success() && Objects.equals(a.state(), b.state())
                && !(a.checksum() != null && b.checksum() != null && !a.checksum().equals(b.checksum()))
                && !ToolChange.differ(a.toolChecksum(), b.toolChecksum());
    }

    private static void rewritten(RecordBaseline.BaselineEntry e, String at, EnvironmentHistory.Imported before,
                                  EnvironmentHistory.Imported now, InputCheck conflicts) {
        String row = "history row " + e.sourceId() + " was imported";
        String advice = "; the ledger keeps what ran: restore the row, and record what changed as a new migration";
        if (!before.version().equals(now.version())) {
            conflicts.add(ReasonCode.IDEMPOTENCY_CONFLICT.reason(row + " as version " + before.version()
                    + "; this history gives it version " + now.version() + advice, at + ".version"));
        }
        if (before.checksum() != null && now.checksum() != null && !before.checksum().equals(now.checksum())) {
            conflicts.add(ReasonCode.CHECKSUM_PINNED.reason(row + " with checksum " + before.checksum()
                    + "; this history says " + now.checksum() + advice, at + ".checksum"));
        }
        if (ToolChange.differ(before.toolChecksum(), now.toolChecksum())) {
            conflicts.add(ReasonCode.IDEMPOTENCY_CONFLICT.reason(row + " with " + e.tool().wireName() + " checksum "
                    + before.toolChecksum() + "; this history says " + now.toolChecksum() + " although "
                    + e.tool().wireName() + " did not re-run it (a repair or clear-checksums rewrites the table)" + advice,
                    at + ".change.toolChecksum"));
        }
        if (before.success() && !now.success()) {
            conflicts.add(ReasonCode.IDEMPOTENCY_CONFLICT.reason(row + " as applied; this history says it failed"
                    + advice, at + ".success"));
        } else if (!Objects.equals(before.state(), now.state())) {
            conflicts.add(ReasonCode.IDEMPOTENCY_CONFLICT.reason(row + " in state " + before.state()
                    + "; this history says " + now.state() + advice, at + ".change.state"));
        }
    }

    /**
     * The version key an entry stands for. A tool with versions: its own. Otherwise the one the project gave the
     * change, else the entry's (the tool's order) when no other migration has it, else the next free one.
     */
    private String versionOf(RecordBaseline.BaselineEntry e) {
        String proposed = Version.parse(e.version()).key();
        ToolChange change = e.change();
        if (e.tool().versionsItsChanges() || change == null || change.changeId() == null) {
            return proposed;
        }
        String changeKey = ProjectState.changeKey(e.tool(), change.changeId());
        String recorded = state.versionOfChange(e.tool(), change.changeId());
        String known = recorded != null ? recorded : newChangeVersions.get(changeKey);
        if (known != null) {
            return known;
        }
        String given = takenVersions.contains(proposed) ? nextFreeVersion() : proposed;
        takenVersions.add(given);
        newChangeVersions.put(changeKey, given);
        return given;
    }

    private void collectTakenVersions() {
        takenVersions.addAll(state.takenVersions());
    }

    private String nextFreeVersion() {
        Version highest = takenVersions.stream().map(Version::parse).filter(v -> !v.isRepeatable())
                .max(Version::compareTo).orElse(null);
        String next = highest == null ? "1" : new java.math.BigInteger(highest.key().split("\\.")[0])
                .add(java.math.BigInteger.ONE).toString();
        while (takenVersions.contains(next)) {
            next = new java.math.BigInteger(next).add(java.math.BigInteger.ONE).toString();
        }
        return next;
    }

    private EnvironmentHistory.Imported imported(EnvironmentHistory history, String sourceId) {
        if (sourceId == null) {
            return null;
        }
        EnvironmentHistory.Imported pending = newImports.get(sourceId);
        return pending != null ? pending : history.imported(sourceId);
    }

    private boolean isApplied(EnvironmentHistory history, String key) {
        return appliedChecksum(history, key) != null;
    }

    /** The checksum the environment holds the version applied with ("" when unknown), or null when not applied. */
    private String appliedChecksum(EnvironmentHistory history, String key) {
        if (newApplied.containsKey(key)) {
            return newApplied.get(key);
        }
        if (newUndone.contains(key)) {
            return null;
        }
        EnvironmentHistory.Applied applied = history.applied(key);
        return applied == null ? null : applied.checksum() == null ? "" : applied.checksum();
    }

    private static String describe(RecordBaseline.BaselineEntry e) {
        return e.tool().wireName() + " history row " + e.sourceId();
    }

    private static List<RecordBaseline.BaselineEntry> check(RecordBaseline cmd) {
        InputCheck check = new InputCheck();
        List<RecordBaseline.BaselineEntry> entries = cmd.entries() == null ? List.of() : cmd.entries();
        check.require(!entries.isEmpty() && entries.size() <= MAX_BASELINE, "entries",
                "a baseline has 1 to " + MAX_BASELINE + " entries");
        for (int i = 0; i < entries.size() && i < MAX_BASELINE; i++) {
            RecordBaseline.BaselineEntry e = entries.get(i);
            String at = "entries[" + i + "]";
            if (e == null) {
                check.invalid(at, at + " is empty");
                continue;
            }
            check.version(at + ".version", e.version()).optionalChecksum(at + ".checksum", e.checksum())
                    .text(at + ".description", e.description(), false).text(at + ".installedBy", e.installedBy(), false)
                    .text(at + ".sourceId", e.sourceId(), false)
                    .require(e.tool() != null, at + ".tool", "tool names the history's source: flyway, liquibase, alembic, prisma or other");
            ToolChange change = e.change();
            if (change != null) {
                check.text(at + ".change.changeId", change.changeId(), false)
                        .text(at + ".change.toolChecksum", change.toolChecksum(), false)
                        .text(at + ".change.state", change.state(), false)
                        .require(!change.undoes() || e.sourceId() != null, at + ".sourceId",
                                "an undo row needs the sourceId of its history row");
            }
        }
        check.throwIfInvalid();
        return entries;
    }
}
