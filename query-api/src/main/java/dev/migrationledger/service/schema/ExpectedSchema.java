package dev.migrationledger.service.schema;

import dev.migrationledger.ledger.api.MigrationApplied;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * The schema fingerprint an environment should have: the one reported by its last apply that carried
 * one — the same rule the aggregate judges SCHEMA_CHANGED_OUTSIDE_MIGRATIONS by. Read from the event
 * store itself, not a projection, so a scan right after an apply never diffs against a stale answer.
 */
@Component
public class ExpectedSchema {

    private final JdbcTemplate jdbc;

    ExpectedSchema(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<String> fingerprint(String project, String environment) {
        List<String> found = jdbc.queryForList("""
                SELECT p ->> 'schemaFingerprint' FROM (
                    SELECT convert_from(payload, 'UTF8')::jsonb AS p, sequence_number FROM domain_event_entry
                    WHERE aggregate_identifier = ? AND payload_type = ?) e
                WHERE p ->> 'environment' = ? AND p ->> 'schemaFingerprint' IS NOT NULL
                ORDER BY sequence_number DESC LIMIT 1""",
                String.class, project, MigrationApplied.class.getName(), environment);
        return found.stream().findFirst();
    }
}
