package dev.migrationledger.executor.lint;

import dev.migrationledger.executor.flyway.MigrationScript;
import dev.migrationledger.executor.sql.ChangeKind;
import dev.migrationledger.executor.sql.SchemaChange;
import dev.migrationledger.ledger.domain.ChangeClass;
import dev.migrationledger.ledger.domain.Phase;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** One lint rule, identified by a stable id documented in docs/lint-rules.md. */
public interface LintRule {

    String id();

    List<Finding> check(MigrationScript script);

    default Finding finding(Severity severity, MigrationScript script, int line, String message, String advice) {
        return new Finding(id(), severity, script.fileName(), line, message, advice);
    }

    /**
     * Tables this script creates: locking and rewrite concerns do not apply to a table nobody else
     * can be using yet.
     */
    static Set<String> tablesCreatedIn(MigrationScript script) {
        return script.changes().stream()
                .filter(c -> c.kind() == ChangeKind.CREATE_TABLE && c.object() != null)
                .map(SchemaChange::object)
                .collect(Collectors.toSet());
    }

    /** A header that declares the script DESTRUCTIVE or a CONTRACT step has acknowledged the data loss. */
    static boolean destructionAcknowledged(MigrationScript script) {
        return script.header().changeClass() == ChangeClass.DESTRUCTIVE || script.header().phase() == Phase.CONTRACT;
    }
}
