package dev.migrationledger.service.projection.timeline;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Writes of the migration-timeline read model. */
@Component
class TimelineTable {

    private final JdbcTemplate jdbc;

    TimelineTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void add(String project, String version, long index, String type, String environment, String actor,
             Instant occurredAt, Instant recordedAt, String summary, String eventJson) {
        jdbc.update("""
                INSERT INTO projection_timeline (project, version, global_index, type, environment, actor, occurred_at,
                                                 recorded_at, summary, event)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb) ON CONFLICT DO NOTHING""",
                project, version, index, type, environment, actor, occurredAt.atOffset(ZoneOffset.UTC),
                recordedAt.atOffset(ZoneOffset.UTC), summary, eventJson);
    }

    /** The versions an earlier DriftDetected with this finding id was about (a DriftResolved names only the finding). */
    List<String> versionsOfFinding(String project, String findingId) {
        return jdbc.queryForList("""
                SELECT DISTINCT version FROM projection_timeline
                WHERE project = ? AND type = 'DriftDetected' AND event ->> 'findingId' = ?""",
                String.class, project, findingId);
    }

    void clear() {
        jdbc.execute("TRUNCATE projection_timeline");
    }
}
