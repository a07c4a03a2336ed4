package dev.migrationledger.service.projection.timeline;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/** Writes of the migration-timeline read model. */
@Component
class TimelineTable {

    private final JdbcTemplate jdbc;

    TimelineTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One entry per version the event concerns, in one JDBC batch (an authorization names up to 1,000). */
    void add(String project, Collection<String> versions, long index, String type, String environment, String actor,
             Instant occurredAt, Instant recordedAt, Function<String, String> summary, String eventJson) {
        List<Object[]> rows = versions.stream().map(version -> new Object[]{project, version, index, type, environment,
                actor, occurredAt.atOffset(ZoneOffset.UTC), recordedAt.atOffset(ZoneOffset.UTC), summary.apply(version),
                eventJson}).toList();
        jdbc.batchUpdate("""
                INSERT INTO projection_timeline (project, version, global_index, type, environment, actor, occurred_at,
                                                 recorded_at, summary, event)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb) ON CONFLICT DO NOTHING""", rows);
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
