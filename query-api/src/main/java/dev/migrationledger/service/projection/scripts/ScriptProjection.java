package dev.migrationledger.service.projection.scripts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationledger.ledger.api.MigrationPlanned;
import dev.migrationledger.ledger.api.MigrationReplanned;
import dev.migrationledger.ledger.api.ScriptStored;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.ZoneOffset;

/**
 * Script texts by checksum and each version's current and previous checksum. A read model of its own:
 * texts are up to 1 MiB, and keeping them out of the state and timeline tables keeps those reads small.
 * Keyed by checksum and by (project, version), so a redelivered event writes what it wrote before.
 */
@Component
@ProcessingGroup(ScriptProjection.GROUP)
public class ScriptProjection {

    public static final String GROUP = "scripts";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    ScriptProjection(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(MigrationPlanned e) {
        jdbc.update("""
                INSERT INTO projection_script_version (project, version, checksum) VALUES (?, ?, ?)
                ON CONFLICT (project, version) DO UPDATE SET checksum = excluded.checksum, previous_checksum = NULL""",
                e.project(), e.migration().version(), e.migration().checksum());
    }

    @EventHandler
    void on(MigrationReplanned e) {
        if (e.migration().checksum().equals(e.previousChecksum())) {
            return;
        }
        jdbc.update("""
                UPDATE projection_script_version SET checksum = ?, previous_checksum = ?
                WHERE project = ? AND version = ?""",
                e.migration().checksum(), e.previousChecksum(), e.project(), e.migration().version());
    }

    @EventHandler
    void on(ScriptStored e) throws JsonProcessingException {
        jdbc.update("""
                INSERT INTO projection_script_text (project, checksum, version, text, findings, stored_at, stored_by)
                VALUES (?, ?, ?, ?, ?::jsonb, ?, ?) ON CONFLICT DO NOTHING""",
                e.project(), e.checksum(), e.version(), e.text(), json.writeValueAsString(e.findings()),
                e.recordedAt().atOffset(ZoneOffset.UTC), e.actor());
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE projection_script_text, projection_script_version");
    }
}
