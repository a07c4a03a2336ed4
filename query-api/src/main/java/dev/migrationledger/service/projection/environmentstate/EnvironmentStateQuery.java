package dev.migrationledger.service.projection.environmentstate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationledger.ledger.domain.CommandRejectedException;
import dev.migrationledger.ledger.domain.PendingAssessment;
import dev.migrationledger.ledger.domain.ReasonCode;
import dev.migrationledger.ledger.domain.Version;
import dev.migrationledger.service.projection.ProjectionProgress;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads of the environment-state read model. Each answer is read in one transaction, so it is one consistent state. */
@Component
public class EnvironmentStateQuery {

    private final JdbcTemplate jdbc;
    private final EnvironmentStateTables tables;
    private final ObjectMapper json;
    private final ProjectionProgress progress;

    EnvironmentStateQuery(JdbcTemplate jdbc, EnvironmentStateTables tables, ObjectMapper json,
                          ProjectionProgress progress) {
        this.jdbc = jdbc;
        this.tables = tables;
        this.json = json;
        this.progress = progress;
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    JsonNode node(String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable JSON in a projection table", e);
        }
    }

    @Transactional(readOnly = true)
    public List<ProjectView> projects() {
        return jdbc.query("SELECT id, environments::text, registered_at, registered_by FROM projection_project ORDER BY id",
                (rs, n) -> project(rs));
    }

    @Transactional(readOnly = true)
    public ProjectView project(String id) {
        List<ProjectView> found = jdbc.query("""
                SELECT id, environments::text, registered_at, registered_by FROM projection_project WHERE id = ?""",
                (rs, n) -> project(rs), id);
        if (found.isEmpty()) {
            throw new CommandRejectedException(ReasonCode.UNKNOWN_PROJECT.reason("no project '" + id + "' is registered"));
        }
        return found.get(0);
    }

    /** The project, after checking that it has {@code environment}. */
    public ProjectView environment(String project, String environment) {
        ProjectView view = project(project);
        if (!view.hasEnvironment(environment)) {
            throw new CommandRejectedException(ReasonCode.UNKNOWN_ENVIRONMENT.reason("project " + project
                    + " has no environment '" + environment + "'; it has "
                    + String.join(", ", view.environments().stream().map(ProjectView.Environment::name).toList())));
        }
        return view;
    }

    /** Repeatable read: {@code lastIndex} and every list come from one snapshot. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public EnvironmentState state(String project, String environment) {
        long lastIndex = progress.lastIndex(EnvironmentStateProjection.GROUP);
        environment(project, environment);
        List<EnvironmentState.Applied> applied = jdbc.query("""
                SELECT version, description, checksum, applied_at, actor, execution_id, violations::text
                FROM projection_applied WHERE project = ? AND environment = ? ORDER BY global_index""",
                (rs, n) -> new EnvironmentState.Applied(rs.getString("version"), rs.getString("description"),
                        rs.getString("checksum"), instant(rs, "applied_at"), rs.getString("actor"),
                        rs.getString("execution_id"), node(rs.getString("violations"))), project, environment);
        Map<String, String> appliedChecksums = new HashMap<>();
        applied.forEach(a -> appliedChecksums.put(a.version(), a.checksum()));
        // Pending is the domain's rule applied here to the planned migrations and the applied rows just read, not
        // a join: a join's plan rests on the tables' statistics, and right after a rebuild or an import, before
        // autovacuum had analyzed them, it read every applied row once per migration (85 ms for 1,000).
        List<EnvironmentState.Pending> pending = jdbc.query("""
                SELECT version, checksum FROM projection_migration WHERE project = ? AND superseded_by IS NULL""",
                (rs, n) -> new EnvironmentState.Pending(rs.getString("version"), rs.getString("checksum")), project)
                .stream()
                .filter(p -> PendingAssessment.awaits(p.version(), p.checksum(), appliedChecksums.containsKey(p.version()),
                        appliedChecksums.get(p.version())))
                .sorted(Comparator.comparing(p -> Version.parse(p.version()))).toList();
        // A failure stops blocking once a correction supersedes the version (R6), so it is no longer listed; a
        // scalar subquery is always one primary-key lookup per failure, whatever the statistics say.
        List<EnvironmentState.Failed> failed = jdbc.query("""
                SELECT f.version, f.error, f.failed_at FROM projection_failed f
                WHERE f.project = ? AND f.environment = ?
                  AND (SELECT m.superseded_by FROM projection_migration m
                       WHERE m.project = f.project AND m.version = f.version) IS NULL
                ORDER BY f.global_index""",
                (rs, n) -> new EnvironmentState.Failed(rs.getString("version"), rs.getString("error"),
                        instant(rs, "failed_at")), project, environment);
        List<EnvironmentState.OpenDrift> drift = jdbc.query("""
                SELECT finding_id, kind, version, detail, objects::text, scan_id, detected_at, actor
                FROM projection_drift WHERE project = ? AND environment = ? ORDER BY global_index""",
                (rs, n) -> new EnvironmentState.OpenDrift(rs.getString("finding_id"), rs.getString("kind"),
                        rs.getString("version"), rs.getString("detail"), node(rs.getString("objects")),
                        rs.getString("scan_id"), instant(rs, "detected_at"), rs.getString("actor")), project, environment);
        String current = applied.stream().map(a -> Version.parse(a.version())).filter(v -> !v.isRepeatable())
                .max(Comparator.naturalOrder()).map(Version::key).orElse(null);
        return new EnvironmentState(project, environment, current, lastIndex, applied, pending, failed, drift);
    }

    private ProjectView project(ResultSet rs) throws SQLException {
        return new ProjectView(rs.getString("id"), tables.environments(rs.getString("environments")),
                instant(rs, "registered_at"), rs.getString("registered_by"));
    }
}
