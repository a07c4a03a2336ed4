package dev.migrationledger.service.projection.timeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationledger.ledger.domain.CommandRejectedException;
import dev.migrationledger.ledger.domain.ReasonCode;
import dev.migrationledger.ledger.domain.Version;
import dev.migrationledger.service.projection.ProjectionProgress;
import dev.migrationledger.service.projection.environmentstate.EnvironmentStateQuery;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import java.time.OffsetDateTime;
import java.util.List;

@Component
public class MigrationTimelineQuery {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final ProjectionProgress progress;
    private final EnvironmentStateQuery projects;

    MigrationTimelineQuery(JdbcTemplate jdbc, ObjectMapper json, ProjectionProgress progress,
                           EnvironmentStateQuery projects) {
        this.jdbc = jdbc;
        this.json = json;
        this.progress = progress;
        this.projects = projects;
    }

    /** {@code version} as a user writes it ({@code 1.0}, {@code V1_1}); it is looked up by its canonical key. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public MigrationTimeline timeline(String project, String version) {
        String key;
        try {
            key = Version.parse(version).key();
        } catch (IllegalArgumentException e) {
            throw new CommandRejectedException(ReasonCode.INVALID_INPUT.reason(e.getMessage(), "version"));
        }
        long lastIndex = progress.lastIndex(MigrationTimelineProjection.GROUP);
        List<TimelineEntry> entries = jdbc.query("""
                SELECT t.global_index, t.type, t.environment, t.actor, t.occurred_at, t.recorded_at, t.summary,
                       e.event::text AS event
                FROM projection_timeline t JOIN projection_timeline_event e USING (global_index)
                WHERE t.project = ? AND t.version = ? ORDER BY t.global_index""",
                (rs, n) -> {
                    try {
                        return new TimelineEntry(rs.getLong("global_index"), rs.getString("type"),
                                rs.getString("environment"), rs.getString("actor"),
                                rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                                rs.getObject("recorded_at", OffsetDateTime.class).toInstant(),
                                rs.getString("summary"), json.readTree(rs.getString("event")));
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("unreadable event JSON in projection_timeline", e);
                    }
                }, project, key);
        if (entries.isEmpty()) {
            projects.project(project);
            throw new CommandRejectedException(ReasonCode.UNKNOWN_MIGRATION.reason(
                    "project " + project + " has no migration " + key, "version"));
        }
        return new MigrationTimeline(project, key, lastIndex, entries);
    }
}
