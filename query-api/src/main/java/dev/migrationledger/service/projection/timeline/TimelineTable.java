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

    private static final String ADD = """
            INSERT INTO projection_timeline (project, version, global_index, type, environment, actor, occurred_at,
                                             recorded_at, summary, event)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb) ON CONFLICT DO NOTHING""";

    private final JdbcTemplate jdbc;
    private final BatchedWrites writes;

    TimelineTable(JdbcTemplate jdbc, BatchedWrites writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    /** One entry per version the event concerns (an authorization names up to 1,000). */
    void add(String project, Collection<String> versions, long index, String type, String environment, String actor,
             Instant occurredAt, Instant recordedAt, Function<String, String> summary, String eventJson) {
        for (String version : versions) {
            writes.update(ADD, project, version, index, type, environment, actor, occurredAt.atOffset(ZoneOffset.UTC),
                    recordedAt.atOffset(ZoneOffset.UTC), summary.apply(version), eventJson);
        }
    }

    /** The versions an earlier DriftDetected with this finding id was about (a DriftResolved names only the finding). */
    List<String> versionsOfFinding(String project, String findingId) {
        writes.flush();
        return jdbc.queryForList("""
                SELECT DISTINCT version FROM projection_timeline
                WHERE project = ? AND type = 'DriftDetected' AND event ->> 'findingId' = ?""",
                String.class, project, findingId);
    }

    void clear() {
        jdbc.execute("TRUNCATE projection_timeline");
    }
}
