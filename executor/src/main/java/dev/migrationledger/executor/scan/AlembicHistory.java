package dev.migrationledger.executor.scan;

import dev.migrationledger.executor.scan.AlembicRevisions.Revision;
import dev.migrationledger.ledger.api.ToolChange;
import dev.migrationledger.ledger.domain.Tool;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Alembic's {@code alembic_version} keeps only the heads; the chain is in the revision files. So the history
 * is every revision at or below a head — through down revisions (both parents of a merge) and
 * {@code depends_on}, which Alembic applies first — in chain order (a parent before its children, ties by
 * revision id), each with its id, message, parents and branch labels. The version sent is the position in
 * that order; the ledger keeps the version it first gave each revision. Alembic records no time or checksum.
 */
final class AlembicHistory implements ToolHistory {

    @Override
    public Tool tool() {
        return Tool.ALEMBIC;
    }

    @Override
    public String table() {
        return "alembic_version";
    }

    @Override
    public List<HistoryEntry> read(Connection connection, Path dir) throws SQLException {
        if (dir == null) {
            throw new HistoryImportException("alembic_version keeps only the current heads; the revision chain is in the"
                    + " revision files: add --dir with Alembic's versions directory (script_location/versions)");
        }
        Map<String, Revision> revisions = AlembicRevisions.read(dir);
        List<String> heads = new ArrayList<>();
        try (ResultSet rs = connection.createStatement().executeQuery("SELECT version_num FROM alembic_version ORDER BY 1")) {
            while (rs.next()) {
                heads.add(rs.getString(1));
            }
        }
        Map<String, List<String>> before = new HashMap<>();
        revisions.values().forEach(r -> before.put(r.id(), requirements(r, revisions)));
        Set<String> applied = new LinkedHashSet<>();
        List<String> pending = new ArrayList<>();
        for (String head : heads) {
            if (!revisions.containsKey(head)) {
                throw new HistoryImportException("alembic_version has head " + head + ", which no revision file in " + dir
                        + " declares: point --dir at the versions directory this database was upgraded from");
            }
            pending.add(head);
        }
        while (!pending.isEmpty()) {
            String id = pending.remove(pending.size() - 1);
            if (applied.add(id)) {
                pending.addAll(before.get(id));
            }
        }
        List<HistoryEntry> entries = new ArrayList<>();
        for (String id : chainOrder(applied, before)) {
            Revision r = revisions.get(id);
            long position = entries.size() + 1;
            ToolChange change = new ToolChange(id, null, r.file(), null, position, null, null, null, r.parents(),
                    r.branchLabels(), r.dependsOn(), null);
            entries.add(new HistoryEntry(String.valueOf(position), r.message().isEmpty() ? "revision " + id : r.message(),
                    null, null, null, true, "alembic:" + id, change));
        }
        return entries;
    }

    /** The revisions that must be applied before this one: its down revisions and what it depends on. */
    private static List<String> requirements(Revision r, Map<String, Revision> revisions) {
        List<String> ids = new ArrayList<>();
        for (String parent : r.parents()) {
            if (!revisions.containsKey(parent)) {
                throw new HistoryImportException(r.file() + ": down_revision " + parent + " is not declared by any revision file");
            }
            ids.add(parent);
        }
        for (String dependency : r.dependsOn()) {
            ids.add(resolve(r, dependency, revisions));
        }
        return ids;
    }

    /** A dependency names a revision, a unique prefix of one, or a branch label (the revision that declares it). */
    private static String resolve(Revision r, String name, Map<String, Revision> revisions) {
        if (revisions.containsKey(name)) {
            return name;
        }
        List<String> matches = revisions.values().stream()
                .filter(o -> o.branchLabels().contains(name) || o.id().startsWith(name)).map(Revision::id).toList();
        if (matches.size() != 1) {
            throw new HistoryImportException(r.file() + ": depends_on " + name + (matches.isEmpty()
                    ? " names no revision or branch label" : " is ambiguous: " + matches));
        }
        return matches.get(0);
    }

    /** Kahn's order over the applied revisions; among those ready at once, the smallest id first. */
    private static List<String> chainOrder(Set<String> applied, Map<String, List<String>> before) {
        Map<String, Integer> waiting = new HashMap<>();
        Map<String, List<String>> after = new HashMap<>();
        for (String id : applied) {
            List<String> needs = before.get(id).stream().distinct().toList();
            waiting.put(id, needs.size());
            needs.forEach(n -> after.computeIfAbsent(n, k -> new ArrayList<>()).add(id));
        }
        PriorityQueue<String> ready = new PriorityQueue<>();
        waiting.forEach((id, n) -> {
            if (n == 0) {
                ready.add(id);
            }
        });
        List<String> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            String id = ready.poll();
            order.add(id);
            for (String next : after.getOrDefault(id, List.of())) {
                if (waiting.merge(next, -1, Integer::sum) == 0) {
                    ready.add(next);
                }
            }
        }
        if (order.size() != applied.size()) {
            throw new HistoryImportException("the revision files' down_revision/depends_on form a cycle among "
                    + applied.stream().filter(id -> !order.contains(id)).toList());
        }
        return order;
    }
}
