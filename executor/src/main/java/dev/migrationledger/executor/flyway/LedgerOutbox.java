package dev.migrationledger.executor.flyway;

import dev.migrationledger.ledger.api.ExecutionFact;
import dev.migrationledger.ledger.domain.ExecutionStatus;
import dev.migrationledger.ledger.domain.Tool;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The executor's outbox in the target database: {@code migration_ledger.ledger_outbox}, one row per
 * migration a run was authorized to apply. It lives in its own schema, not beside Flyway's history table,
 * because Flyway refuses to start on a non-empty schema without a history table: a table of ours there
 * would make a fresh database unmigratable by plain Flyway rules. Its lifecycle gives exactly-once facts:
 * <ol>
 *   <li>before Flyway runs: an intent (executionId {@code <runId>/<version>}, our SHA-256, the history
 *       table's highest rank at that moment, the digest of the signed authorization it runs under);</li>
 *   <li>after Flyway ran, or at the start of the next run if the process died: {@link #settle} finds the
 *       history row the intent produced and freezes the fact's content from it (status, times);
 *       an intent that produced no row never ran and is dropped;</li>
 *   <li>the frozen fact is sent until the ledger acknowledges it, then {@link #acknowledge} marks it.</li>
 * </ol>
 * Because the content is frozen once and the executionId never changes, every re-send is identical and the
 * ledger records it once (R9). All statements run on a separate autocommit connection, never inside a
 * migration's transaction.
 */
public final class LedgerOutbox {

    /** A frozen, unacknowledged fact and where it belongs. */
    public record Pending(String project, String environment, ExecutionFact fact) {
    }

    /** What a run intends to apply: the ledger key and our checksum of the script. */
    public record Intent(String version, String checksum) {
    }

    /** 'ledg': our advisory lock's class id; the two-int form never collides with Flyway's bigint lock. */
    private static final int LOCK_CLASS = 0x6c656467;

    public static final String SCHEMA = "migration_ledger";

    private final Connection connection;
    private final String schema;
    private final String table;

    /** @param schema the schema of the Flyway history table these facts come from */
    public LedgerOutbox(Connection connection, String schema) {
        this.connection = connection;
        this.schema = schema;
        this.table = SCHEMA + ".ledger_outbox";
    }

    public static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** Whether {@code table} (as written in SQL: qualified, quoted or not) resolves to a relation here. */
    public static boolean exists(Connection connection, String table) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            st.setString(1, table);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** The connection's current schema: where Flyway keeps its history unless told otherwise. */
    public static String currentSchema(Connection connection) throws SQLException {
        try (ResultSet rs = connection.createStatement().executeQuery("SELECT current_schema()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    public void ensureTable() throws SQLException {
        connection.createStatement().execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
        connection.createStatement().execute("CREATE TABLE IF NOT EXISTS " + table + " ("
                + " execution_id text PRIMARY KEY, history_schema text NOT NULL, run_id text NOT NULL, project text NOT NULL,"
                + " environment text NOT NULL, version text NOT NULL, checksum text NOT NULL,"
                + " rank_before int NOT NULL, git_sha text, pipeline_url text,"
                + " status text, installed_rank int UNIQUE, started_at text, finished_at text, error text,"
                + " created_at timestamptz NOT NULL DEFAULT now(), acknowledged_at timestamptz)");
        // Outboxes created before facts carried a fingerprint or an authorization digest gain the columns in place.
        connection.createStatement().execute("ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS schema_fingerprint text");
        connection.createStatement().execute("ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS authorization_digest text");
    }

    /**
     * Serializes ledger runs on this target for the whole run (settle, authorize, apply, record), so an
     * intent's history row can only come from its own run. A session lock: a killed process releases it.
     */
    public void lockRun() throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT pg_advisory_lock(?, hashtext(?))")) {
            st.setInt(1, LOCK_CLASS);
            st.setString(2, schema);
            st.execute();
        }
    }

    /** @param authorizationDigest the signed authorization the intents run under, carried by their facts */
    public void addIntents(String runId, String project, String environment, int rankBefore, List<Intent> intents,
                           String gitSha, String pipelineUrl, String authorizationDigest) throws SQLException {
        String sql = "INSERT INTO " + table + " (execution_id, run_id, project, environment, version, checksum,"
                + " rank_before, git_sha, pipeline_url, history_schema, authorization_digest)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            for (Intent intent : intents) {
                st.setString(1, executionId(runId, intent.version()));
                st.setString(2, runId);
                st.setString(3, project);
                st.setString(4, environment);
                st.setString(5, intent.version());
                st.setString(6, intent.checksum());
                st.setInt(7, rankBefore);
                st.setString(8, gitSha);
                st.setString(9, pipelineUrl);
                st.setString(10, schema);
                st.setString(11, authorizationDigest);
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    public static String executionId(String runId, String version) {
        return runId + "/" + version;
    }

    /** A migration that failed inside a rolled-back transaction leaves no history row: its failure is frozen here. */
    public void recordFailure(String executionId, Instant startedAt, Instant finishedAt, String error) throws SQLException {
        String sql = "UPDATE " + table + " SET status = 'FAILED', started_at = ?, finished_at = ?, error = ?"
                + " WHERE execution_id = ? AND status IS NULL";
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setString(1, rfc3339(startedAt));
            st.setString(2, rfc3339(finishedAt));
            st.setString(3, error);
            st.setString(4, executionId);
            st.executeUpdate();
        }
    }

    /** When a migration started and ended, as the gate saw it around Flyway's execution. */
    public record Observed(Instant startedAt, Instant finishedAt) {
    }

    /**
     * Freezes the outcome of every open intent from the history table; drops intents of finished runs
     * (every run but {@code currentRunId}) that produced no row, because those migrations never ran.
     *
     * @param observed the current run's times by version key, where the gate saw them; an intent without them
     *                 (a run that ended before it could settle) takes its times from the history row
     */
    public void settle(FlywayHistoryTable history, String currentRunId, Map<String, Observed> observed)
            throws SQLException {
        record Open(String executionId, String runId, String version, int rankBefore) {
        }
        List<Open> open = new ArrayList<>();
        Set<Integer> claimed = new HashSet<>();
        String sql = "SELECT execution_id, run_id, version, rank_before, status, installed_rank FROM " + table
                + " WHERE history_schema = ? AND (status IS NULL OR installed_rank IS NOT NULL)"
                + " ORDER BY rank_before, created_at, execution_id";
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setString(1, schema);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString("status") == null) {
                        open.add(new Open(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)));
                    } else {
                        claimed.add(rs.getInt("installed_rank"));
                    }
                }
            }
        }
        if (open.isEmpty()) {
            return;
        }
        List<FlywayHistoryTable.Row> rows = history.rowsAfter(connection,
                open.stream().mapToInt(Open::rankBefore).min().orElse(0)).stream()
                .filter(FlywayHistoryTable.Row::isRun).toList();
        List<String> frozen = new ArrayList<>();
        List<FlywayHistoryTable.Row> outcomes = new ArrayList<>();
        List<Observed> seen = new ArrayList<>();
        List<String> neverRan = new ArrayList<>();
        for (Open intent : open) {
            FlywayHistoryTable.Row row = rows.stream()
                    .filter(r -> r.installedRank() > intent.rankBefore() && intent.version().equals(r.key())
                            && !claimed.contains(r.installedRank()))
                    .findFirst().orElse(null);
            if (row != null) {
                claimed.add(row.installedRank());
                frozen.add(intent.executionId());
                outcomes.add(row);
                seen.add(intent.runId().equals(currentRunId) ? observed.get(intent.version()) : null);
            } else if (!intent.runId().equals(currentRunId)) {
                neverRan.add(intent.executionId());
            }
        }
        freeze(frozen, outcomes, seen);
        if (!neverRan.isEmpty()) {
            try (PreparedStatement st = connection.prepareStatement("DELETE FROM " + table
                    + " WHERE execution_id = ANY(?) AND status IS NULL")) {
                st.setArray(1, connection.createArrayOf("text", neverRan.toArray()));
                st.executeUpdate();
            }
        }
    }

    /**
     * Freezes every intent's outcome in one statement (a run of 500 migrations was 500 round trips), with the
     * times the gate saw. Without them, from the history row: Flyway writes it inside the migration's own
     * transaction and {@code installed_on} defaults to {@code now()}, the transaction's start, so the migration
     * started at installed_on and ended execution_time later (a 1.5 s script: installed_on 1.1 s after its
     * JVM started and 1.6 s before it exited). A non-transactional script's row is written after it ran; there
     * the history alone places it up to execution_time late.
     */
    private void freeze(List<String> executionIds, List<FlywayHistoryTable.Row> rows, List<Observed> seen)
            throws SQLException {
        if (executionIds.isEmpty()) {
            return;
        }
        int n = rows.size();
        Object[] status = new Object[n];
        Object[] rank = new Object[n];
        Object[] started = new Object[n];
        Object[] finished = new Object[n];
        Object[] error = new Object[n];
        for (int i = 0; i < n; i++) {
            FlywayHistoryTable.Row row = rows.get(i);
            status[i] = row.success() ? "APPLIED" : "FAILED";
            rank[i] = row.installedRank();
            Observed times = seen.get(i);
            started[i] = rfc3339(times != null ? times.startedAt() : row.installedOn());
            finished[i] = rfc3339(times != null ? times.finishedAt() : row.installedOn().plusMillis(row.executionTimeMs()));
            error[i] = row.success() ? null : "failed; Flyway recorded the failure as history rank " + row.installedRank();
        }
        String sql = "UPDATE " + table + " o SET status = v.status, installed_rank = v.installed_rank,"
                + " started_at = v.started_at, finished_at = v.finished_at, error = v.error"
                + " FROM unnest(?::text[], ?::text[], ?::int[], ?::text[], ?::text[], ?::text[])"
                + " AS v(execution_id, status, installed_rank, started_at, finished_at, error)"
                + " WHERE o.execution_id = v.execution_id AND o.status IS NULL";
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setArray(1, connection.createArrayOf("text", executionIds.toArray()));
            st.setArray(2, connection.createArrayOf("text", status));
            st.setArray(3, connection.createArrayOf("int4", rank));
            st.setArray(4, connection.createArrayOf("text", started));
            st.setArray(5, connection.createArrayOf("text", finished));
            st.setArray(6, connection.createArrayOf("text", error));
            st.executeUpdate();
        }
    }

    /**
     * Puts the schema fingerprint on the run's last applied fact (highest history rank) before anything of
     * it is sent; never on a fact already carrying one or already acknowledged, so every send of a fact
     * carries the same content (R9). One fact per run, because the catalog read is the run's one extra cost.
     *
     * @return the execution id that now carries it, or null when the run applied nothing
     */
    public String attachFingerprint(String runId, String fingerprint) throws SQLException {
        String sql = "UPDATE " + table + " SET schema_fingerprint = ? WHERE execution_id = (SELECT execution_id FROM "
                + table + " WHERE run_id = ? AND status = 'APPLIED' AND installed_rank IS NOT NULL"
                + " ORDER BY installed_rank DESC LIMIT 1) AND schema_fingerprint IS NULL AND acknowledged_at IS NULL"
                + " RETURNING execution_id";
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setString(1, fingerprint);
            st.setString(2, runId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Whether this run applied anything that the history table holds. */
    public boolean applied(String runId) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT 1 FROM " + table
                + " WHERE run_id = ? AND status = 'APPLIED' AND installed_rank IS NOT NULL LIMIT 1")) {
            st.setString(1, runId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Our SHA-256 of each migration the executor applied to {@code historySchema}'s history, by installed rank:
     * what {@code ledger import} and {@code ledger scan} know beyond Flyway's CRC32.
     */
    public static Map<Integer, String> checksumsByRank(Connection connection, String historySchema)
            throws SQLException {
        Map<Integer, String> checksums = new HashMap<>();
        if (!exists(connection, SCHEMA + ".ledger_outbox")) {
            return checksums;
        }
        try (PreparedStatement st = connection.prepareStatement("SELECT installed_rank, checksum FROM " + SCHEMA
                + ".ledger_outbox WHERE history_schema = ? AND installed_rank IS NOT NULL")) {
            st.setString(1, historySchema);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    checksums.put(rs.getInt(1), rs.getString(2));
                }
            }
        }
        return checksums;
    }

    /**
     * Frozen facts the ledger has not acknowledged, in the order they happened: run by run (a run's intents
     * share one {@code created_at}; runs are serialized by {@link #lockRun()}), within a run in Flyway's
     * installed rank, a failure Flyway left no row for last. Never by the {@code finished_at} text: an instant
     * on a whole second prints without a fraction and sorts after the rest of its second, and the ledger then
     * judged every later migration of that second out of order (seen in a bench run of 500 files).
     */
    public List<Pending> unacknowledged() throws SQLException {
        List<Pending> pending = new ArrayList<>();
        try (ResultSet rs = connection.createStatement().executeQuery("SELECT execution_id, project, environment,"
                + " version, checksum, status, started_at, finished_at, error, git_sha, pipeline_url, schema_fingerprint,"
                + " authorization_digest FROM " + table
                + " WHERE status IS NOT NULL AND acknowledged_at IS NULL"
                + " ORDER BY created_at, installed_rank NULLS LAST, finished_at::timestamptz, execution_id")) {
            while (rs.next()) {
                pending.add(new Pending(rs.getString("project"), rs.getString("environment"),
                        new ExecutionFact(rs.getString("execution_id"), rs.getString("version"), rs.getString("checksum"),
                                ExecutionStatus.valueOf(rs.getString("status")), instant(rs.getString("started_at")),
                                instant(rs.getString("finished_at")), rs.getString("error"), rs.getString("git_sha"),
                                rs.getString("pipeline_url"), Tool.LEDGER, rs.getString("schema_fingerprint"),
                                rs.getString("authorization_digest"))));
            }
        }
        return pending;
    }

    public void acknowledge(List<String> executionIds) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("UPDATE " + table
                + " SET acknowledged_at = now() WHERE execution_id = ANY(?)")) {
            st.setArray(1, connection.createArrayOf("text", executionIds.toArray()));
            st.executeUpdate();
        }
    }

    /** The outbox keeps times as the text it froze, so a re-sent fact says to the millisecond what it first said. */
    private static Instant instant(String frozen) {
        return frozen == null ? null : Instant.parse(frozen);
    }

    /** RFC 3339 UTC at millisecond precision: what JSON carries and what the ledger stores. */
    static String rfc3339(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
