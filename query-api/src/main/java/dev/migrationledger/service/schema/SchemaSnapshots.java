package dev.migrationledger.service.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * The schema_snapshot table: canonical descriptions by fingerprint. Content-addressed, so storing
 * the same description twice is harmless and a stored row never needs to change.
 */
@Component
public class SchemaSnapshots {

    private static final TypeReference<List<String>> LINES = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    SchemaSnapshots(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Stores a verified description; true when it was new. */
    public boolean store(SchemaDescription description, String storedBy) {
        try {
            return jdbc.update("""
                    INSERT INTO schema_snapshot (fingerprint, description, stored_by) VALUES (?, ?::jsonb, ?)
                    ON CONFLICT (fingerprint) DO NOTHING""",
                    description.fingerprint(), json.writeValueAsString(description.lines()), storedBy) == 1;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a schema description", e);
        }
    }

    public Optional<SchemaDescription> find(String fingerprint) {
        List<String> rows = jdbc.queryForList("SELECT description::text FROM schema_snapshot WHERE fingerprint = ?",
                String.class, fingerprint);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SchemaDescription(json.readValue(rows.get(0), LINES)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable schema_snapshot " + fingerprint, e);
        }
    }
}
