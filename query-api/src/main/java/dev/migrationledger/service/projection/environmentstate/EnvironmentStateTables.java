package dev.migrationledger.service.projection.environmentstate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationledger.ledger.api.EnvironmentDefinition;
import dev.migrationledger.ledger.domain.EnvironmentPolicy;
import dev.migrationledger.service.projection.BatchedWrites;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes of the environment-state read model; every statement is an upsert or a delete, so order of retries never
 * matters. They go out in JDBC batches ({@link BatchedWrites}).
 */
@Component
class EnvironmentStateTables {

    static final List<String> TABLES = List.of("projection_project", "projection_migration", "projection_applied",
            "projection_failed", "projection_drift");
    private static final TypeReference<List<ProjectView.Environment>> ENVIRONMENTS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final BatchedWrites writes;
    private final ObjectMapper json;

    EnvironmentStateTables(JdbcTemplate jdbc, BatchedWrites writes, ObjectMapper json) {
        this.jdbc = jdbc;
        this.writes = writes;
        this.json = json;
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    String toJson(Object value) {
        try {
            return json.writeValueAsString(value == null ? List.of() : value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write projection JSON", e);
        }
    }

    List<ProjectView.Environment> environments(String json) {
        try {
            return this.json.readValue(json, ENVIRONMENTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable environments in projection_project", e);
        }
    }

    void registerProject(String id, List<EnvironmentDefinition> definitions, Instant at, String actor, long index) {
        List<ProjectView.Environment> environments = definitions.stream()
                .map(d -> new ProjectView.Environment(d.name(), ProjectView.Policy.of(d.policy()))).toList();
        writes.update("""
                INSERT INTO projection_project (id, environments, registered_at, registered_by, global_index)
                VALUES (?, ?::jsonb, ?, ?, ?) ON CONFLICT (id) DO NOTHING""",
                id, toJson(environments), utc(at), actor, index);
    }

    void changePolicy(String project, String environment, EnvironmentPolicy policy, long index) {
        writes.flush();
        List<String> stored = jdbc.queryForList("SELECT environments::text FROM projection_project WHERE id = ? FOR UPDATE",
                String.class, project);
        if (stored.isEmpty()) {
            return;
        }
        List<ProjectView.Environment> environments = new ArrayList<>(environments(stored.get(0)));
        environments.replaceAll(e -> e.name().equals(environment)
                ? new ProjectView.Environment(environment, ProjectView.Policy.of(policy)) : e);
        writes.update("UPDATE projection_project SET environments = ?::jsonb, global_index = ? WHERE id = ?",
                toJson(environments), index, project);
    }

    void plan(String project, String version, String description, String checksum, long index) {
        writes.update("""
                INSERT INTO projection_migration (project, version, description, checksum, global_index)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT (project, version)
                DO UPDATE SET description = EXCLUDED.description, checksum = EXCLUDED.checksum,
                              global_index = EXCLUDED.global_index""",
                project, version, description, checksum, index);
    }

    void supersede(String project, String version, String correctedBy, long index) {
        writes.update("UPDATE projection_migration SET superseded_by = ?, global_index = ? WHERE project = ? AND version = ?",
                correctedBy, index, project, version);
    }

    /** A success; a null description is taken from the plan. It also ends the version's failure in that environment. */
    void applied(String project, String environment, String version, String description, String checksum,
                 Instant appliedAt, String actor, String executionId, Object violations, long index) {
        // one statement (the failure ends in the same one), so a run of applies is one JDBC batch
        writes.update("""
                WITH recovered AS (DELETE FROM projection_failed WHERE project = ? AND environment = ? AND version = ?)
                INSERT INTO projection_applied (project, environment, version, description, checksum, applied_at,
                                                actor, execution_id, violations, global_index)
                VALUES (?, ?, ?, COALESCE(?, (SELECT description FROM projection_migration
                                              WHERE project = ? AND version = ?)), ?, ?, ?, ?, ?::jsonb, ?)
                ON CONFLICT (project, environment, version) DO UPDATE SET
                    description = EXCLUDED.description, checksum = EXCLUDED.checksum, applied_at = EXCLUDED.applied_at,
                    actor = EXCLUDED.actor, execution_id = EXCLUDED.execution_id, violations = EXCLUDED.violations,
                    global_index = EXCLUDED.global_index""",
                project, environment, version, project, environment, version, description, project, version, checksum,
                utc(appliedAt), actor, executionId, toJson(violations), index);
    }

    void failed(String project, String environment, String version, String checksum, String error, Instant failedAt,
                String executionId, long index) {
        writes.update("""
                INSERT INTO projection_failed (project, environment, version, checksum, error, failed_at, execution_id,
                                               global_index)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (project, environment, version) DO UPDATE SET
                    checksum = EXCLUDED.checksum, error = EXCLUDED.error, failed_at = EXCLUDED.failed_at,
                    execution_id = EXCLUDED.execution_id, global_index = EXCLUDED.global_index""",
                project, environment, version, checksum, error, utc(failedAt), executionId, index);
    }

    void rolledBack(String project, String environment, String version) {
        writes.update("DELETE FROM projection_applied WHERE project = ? AND environment = ? AND version = ?",
                project, environment, version);
    }

    void driftDetected(String project, String findingId, String environment, String kind, String version,
                       String detail, List<String> objects, String scanId, Instant at, String actor, long index) {
        writes.update("""
                INSERT INTO projection_drift (project, finding_id, environment, kind, version, detail, objects, scan_id,
                                              detected_at, actor, global_index)
                VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?) ON CONFLICT (project, finding_id) DO NOTHING""",
                project, findingId, environment, kind, version, detail, toJson(objects), scanId, utc(at), actor, index);
    }

    void driftResolved(String project, String findingId) {
        writes.update("DELETE FROM projection_drift WHERE project = ? AND finding_id = ?", project, findingId);
    }

    void clear() {
        jdbc.execute("TRUNCATE " + String.join(", ", TABLES));
    }
}
