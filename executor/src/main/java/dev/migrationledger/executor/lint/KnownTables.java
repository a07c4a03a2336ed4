package dev.migrationledger.executor.lint;

import dev.migrationledger.executor.flyway.MigrationScript;
import dev.migrationledger.executor.sql.ChangeKind;
import dev.migrationledger.executor.sql.DdlFact;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which tables a migration finds already there, i.e. which ones other sessions may be reading and
 * writing while it holds its locks. A table the script itself creates is new. Offline, any other
 * table is taken to exist (created by an earlier migration, or outside the directory). Against a
 * target ({@code --verify-on}), a table exists when the target has it: one created by an earlier
 * migration that the target has not applied yet is still new.
 */
public final class KnownTables {

    private final Map<String, String> createdBy;
    private final Set<String> inTarget;

    private KnownTables(Map<String, String> createdBy, Set<String> inTarget) {
        this.createdBy = createdBy;
        this.inTarget = inTarget;
    }

    /** Offline knowledge: which file first created each table. */
    public static KnownTables of(List<MigrationScript> scripts, Map<MigrationScript, List<DdlFact>> facts) {
        Map<String, String> createdBy = new HashMap<>();
        for (MigrationScript script : scripts) {
            for (String table : createdIn(script, facts.getOrDefault(script, List.of()))) {
                createdBy.putIfAbsent(table, script.fileName());
            }
        }
        return new KnownTables(createdBy, null);
    }

    /** The same, plus the tables the target has before the new migrations run. */
    public KnownTables withTarget(Set<String> targetTables) {
        return new KnownTables(createdBy, Set.copyOf(targetTables));
    }

    public static Set<String> createdIn(MigrationScript script, List<DdlFact> facts) {
        Set<String> tables = new HashSet<>();
        script.changes().stream().filter(c -> c.kind() == ChangeKind.CREATE_TABLE && c.object() != null)
                .forEach(c -> tables.add(c.object()));
        facts.stream().filter(f -> f instanceof DdlFact.CreateTable)
                .forEach(f -> tables.add(((DdlFact.CreateTable) f).table()));
        return tables;
    }

    boolean existsBefore(String table, Set<String> createdByThisScript) {
        if (table == null) {
            return true;
        }
        if (createdByThisScript.contains(table)) {
            return false;
        }
        return inTarget == null || inTarget.contains(table);
    }

    /** The earlier migration that created the table, if the directory did. */
    public Optional<String> creator(String table) {
        return Optional.ofNullable(createdBy.get(table));
    }

    public boolean againstTarget() {
        return inTarget != null;
    }
}
