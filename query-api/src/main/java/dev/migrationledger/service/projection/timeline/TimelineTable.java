package dev.migrationledger.service.projection.timeline;

import dev.migrationledger.service.projection.BatchedWrites;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/** Writes of the migration-timeline read model, in JDBC batches ({@link BatchedWrites}). */
@Component
class TimelineTable {

    /**
     * The event once, and one row per version it concerns, in one statement, so that a replay's runs of
     * this statement go out as one JDBC batch.
     */
    private static final String ADD = """
            WITH event AS (INSERT INTO projection_timeline_event (global_index, event) VALUES (?, ?::jsonb)
                           ON CONFLICT DO NOTHING)
            INSERT INTO projection_timeline (project, version, global_index, type, environment, actor, occurred_at,
                                             recorded_at, summary)
            SELECT ?, v.version, ?, ?, ?, ?, ?, ?, v.summary FROM unnest(?::varchar[], ?::text[]) AS v (version, summary)
            ON CONFLICT DO NOTHING""";

    private final JdbcTemplate jdbc;
    private final BatchedWrites writes;

    TimelineTable(JdbcTemplate jdbc, BatchedWrites writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    /** One entry per version the event concerns (an authorization names up to 1,000). */
    void add(String project, Collection<String> versions, long index, String type, String environment, String actor,
             Instant occurredAt, Instant recordedAt, Function<String, String> summary, String eventJson) {
        String[] names = versions.toArray(String[]::new);
        String[] summaries = versions.stream().map(summary).toArray(String[]::new);
        writes.update(ADD, index, eventJson, project, index, type, environment, actor, occurredAt.atOffset(ZoneOffset.UTC),
                recordedAt.atOffset(ZoneOffset.UTC), names, summaries);
    }

    /** The versions an earlier DriftDetected with this finding id was about (a DriftResolved names only the finding). */
    List<String> versionsOfFinding(String project, String findingId) {
        writes.flush();
        return jdbc.queryForList("""
                SELECT DISTINCT t.version FROM projection_timeline t JOIN projection_timeline_event e USING (global_index)
                WHERE t.project = ? AND t.type = 'DriftDetected' AND e.event ->> 'findingId' = ?""",
                String.class, project, findingId);
    }

    void clear() {
        jdbc.execute("TRUNCATE projection_timeline, projection_timeline_event");
    }
}
