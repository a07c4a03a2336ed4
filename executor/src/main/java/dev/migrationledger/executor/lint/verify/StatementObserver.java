package dev.migrationledger.executor.lint.verify;

import dev.migrationledger.executor.lint.verify.Observation.Lock;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a migration's statements on one connection and watches them from a second: the first sees its
 * own uncommitted catalog (relfilenode before and after each statement: a changed one is a rewrite);
 * the second reads {@code pg_locks} for the first's backend while its transaction is still open.
 */
final class StatementObserver {

    private final Connection applier;
    private final Connection observer;
    private final int applierPid;
    /** oid → name of the tables that existed before the migration. */
    private final Map<Long, String> existing = new HashMap<>();
    private final Set<Lock> held = new LinkedHashSet<>();

    StatementObserver(Connection applier, Connection observer) throws SQLException {
        this.applier = applier;
        this.observer = observer;
        try (Statement st = applier.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            this.applierPid = rs.getInt(1);
        }
        try (Statement st = observer.createStatement(); ResultSet rs = st.executeQuery(TargetState.USER_TABLES)) {
            while (rs.next()) {
                existing.put(rs.getLong("oid"), rs.getString("relname"));
            }
        }
    }

    Observation.Statement run(int line, String sql, boolean inTransaction) {
        try {
            Map<Long, Long> before = relfilenodes();
            long start = System.nanoTime();
            try (Statement st = applier.createStatement()) {
                st.execute(sql);
            }
            long durationMs = (System.nanoTime() - start) / 1_000_000;
            Map<Long, Long> after = relfilenodes();
            List<String> rewritten = new ArrayList<>();
            before.forEach((oid, node) -> {
                Long now = after.get(oid);
                if (now != null && node != 0 && !now.equals(node)) {
                    rewritten.add(existing.get(oid));
                }
            });
            return new Observation.Statement(line, abbreviate(sql), durationMs, inTransaction ? newLocks() : List.of(),
                    rewritten, null);
        } catch (SQLException e) {
            return new Observation.Statement(line, abbreviate(sql), 0, List.of(), List.of(), e.getMessage());
        }
    }

    private Map<Long, Long> relfilenodes() throws SQLException {
        Map<Long, Long> nodes = new HashMap<>();
        if (existing.isEmpty()) {
            return nodes;
        }
        try (PreparedStatement st = applier.prepareStatement("SELECT oid, relfilenode FROM pg_class WHERE oid = ANY (?)")) {
            Array oids = applier.createArrayOf("bigint", existing.keySet().toArray());
            st.setArray(1, oids);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    nodes.put(rs.getLong(1), rs.getLong(2));
                }
            }
        }
        return nodes;
    }

    /** Locks the applier's open transaction holds on existing tables that it did not hold before this statement. */
    private List<Lock> newLocks() throws SQLException {
        List<Lock> fresh = new ArrayList<>();
        try (PreparedStatement st = observer.prepareStatement("SELECT relation::bigint, mode FROM pg_locks"
                + " WHERE pid = ? AND granted AND locktype = 'relation' ORDER BY mode")) {
            st.setInt(1, applierPid);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String table = existing.get(rs.getLong(1));
                    if (table != null) {
                        Lock lock = new Lock(table, rs.getString(2));
                        if (held.add(lock)) {
                            fresh.add(lock);
                        }
                    }
                }
            }
        }
        return fresh;
    }

    /** A new transaction starts with no locks held. */
    void transactionEnded() {
        held.clear();
    }

    private static String abbreviate(String sql) {
        String oneLine = sql.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 117) + "...";
    }
}
