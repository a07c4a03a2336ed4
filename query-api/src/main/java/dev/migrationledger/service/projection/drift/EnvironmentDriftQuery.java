package dev.migrationledger.service.projection.drift;

import dev.migrationledger.ledger.domain.CommandRejectedException;
import dev.migrationledger.ledger.domain.ReasonCode;
import dev.migrationledger.ledger.domain.Version;
import dev.migrationledger.service.projection.ProjectionProgress;
import dev.migrationledger.service.projection.environmentstate.EnvironmentStateProjection;
import dev.migrationledger.service.projection.environmentstate.EnvironmentStateQuery;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;

/**
 * Environment against environment, from the environment-state tables rather than by replaying
 * events: the applied rows already are each environment's history, and a join answers in one query.
 */
@Component
public class EnvironmentDriftQuery {

    private final JdbcTemplate jdbc;
    private final EnvironmentStateQuery environments;
    private final ProjectionProgress progress;

    EnvironmentDriftQuery(JdbcTemplate jdbc, EnvironmentStateQuery environments, ProjectionProgress progress) {
        this.jdbc = jdbc;
        this.environments = environments;
        this.progress = progress;
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public EnvironmentDrift between(String project, String from, String to) {
        if (from == null || from.isBlank()) {
            throw new CommandRejectedException(ReasonCode.INVALID_INPUT.reason("from names an environment", "from"));
        }
        if (to == null || to.isBlank()) {
            throw new CommandRejectedException(ReasonCode.INVALID_INPUT.reason("to names an environment", "to"));
        }
        long lastIndex = progress.lastIndex(EnvironmentStateProjection.GROUP);
        environments.environment(project, from);
        environments.environment(project, to);
        // a checksum unknown on one side (an imported baseline) is not evidence of a difference
        List<EnvironmentDrift.Difference> differences = jdbc.query("""
                SELECT COALESCE(f.version, t.version) AS version, f.checksum AS from_checksum, f.applied_at AS from_at,
                       t.checksum AS to_checksum, t.applied_at AS to_at
                FROM (SELECT * FROM projection_applied WHERE project = ? AND environment = ?) f
                FULL JOIN (SELECT * FROM projection_applied WHERE project = ? AND environment = ?) t
                       ON f.version = t.version
                WHERE f.version IS NULL OR t.version IS NULL OR f.checksum <> t.checksum""",
                (rs, n) -> difference(rs), project, from, project, to).stream()
                .sorted(Comparator.comparing(d -> Version.parse(d.version()))).toList();
        return new EnvironmentDrift(project, from, to, lastIndex,
                differences.stream().filter(d -> d.toAppliedAt() == null).toList(),
                differences.stream().filter(d -> d.fromAppliedAt() == null).toList(),
                differences.stream().filter(d -> d.fromAppliedAt() != null && d.toAppliedAt() != null).toList());
    }

    private static EnvironmentDrift.Difference difference(ResultSet rs) throws SQLException {
        Instant fromAt = instant(rs, "from_at");
        Instant toAt = instant(rs, "to_at");
        // both applied: the difference began with whichever apply came second
        Instant since = fromAt == null ? toAt : toAt == null ? fromAt : fromAt.isAfter(toAt) ? fromAt : toAt;
        return new EnvironmentDrift.Difference(rs.getString("version"), rs.getString("from_checksum"), fromAt,
                rs.getString("to_checksum"), toAt, since);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }
}
