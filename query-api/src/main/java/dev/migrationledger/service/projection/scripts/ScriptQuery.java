package dev.migrationledger.service.projection.scripts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationledger.ledger.api.ScriptFinding;
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
import java.util.Map;

@Component
public class ScriptQuery {

    private record Text(String text, List<ScriptFinding> findings, OffsetDateTime storedAt, String storedBy) {
    }

    private static final TypeReference<List<ScriptFinding>> FINDINGS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final ProjectionProgress progress;
    private final EnvironmentStateQuery projects;

    public ScriptQuery(JdbcTemplate jdbc, ObjectMapper json, ProjectionProgress progress, EnvironmentStateQuery projects) {
        this.jdbc = jdbc;
        this.json = json;
        this.progress = progress;
        this.projects = projects;
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public MigrationScript script(String project, String version) {
        String key;
        try {
            key = Version.parse(version).key();
        } catch (IllegalArgumentException e) {
            throw new CommandRejectedException(ReasonCode.INVALID_INPUT.reason(e.getMessage(), "version"));
        }
        long lastIndex = progress.lastIndex(ScriptProjection.GROUP);
        List<Map<String, Object>> rows = jdbc.queryForList("""
                SELECT checksum, previous_checksum FROM projection_script_version WHERE project = ? AND version = ?""",
                project, key);
        if (rows.isEmpty()) {
            projects.project(project);
            throw new CommandRejectedException(ReasonCode.UNKNOWN_MIGRATION.reason(
                    "project " + project + " has no planned migration " + key, "version"));
        }
        String checksum = ((String) rows.get(0).get("checksum"));
        String previous = (String) rows.get(0).get("previous_checksum");
        Text current = text(project, checksum);
        Text before = previous == null ? null : text(project, previous);
        String diff = current != null && before != null
                ? LineDiff.unified(key + " " + previous.substring(0, 12), before.text(),
                        key + " " + checksum.substring(0, 12), current.text())
                : null;
        return current == null
                ? new MigrationScript(project, key, checksum, false, null, null, null, List.of(), previous, null, lastIndex)
                : new MigrationScript(project, key, checksum, true, current.text(), current.storedAt().toInstant(),
                        current.storedBy(), current.findings(), previous, diff, lastIndex);
    }

    /**
     * Which of these checksums have no stored text yet, so that {@code ledger plan} uploads only those. Read from
     * the read model, which may lag: a text stored a moment ago may be asked for again, and is then not stored twice.
     */
    public List<String> withoutText(String project, List<String> checksums) {
        if (checksums.isEmpty()) {
            return List.of();
        }
        List<String> stored = jdbc.queryForList("""
                SELECT checksum FROM projection_script_text WHERE project = ? AND checksum = ANY (?)""",
                String.class, project, checksums.toArray(String[]::new));
        return checksums.stream().filter(c -> !stored.contains(c)).distinct().toList();
    }

    private Text text(String project, String checksum) {
        List<Text> texts = jdbc.query("""
                SELECT text, findings::text, stored_at, stored_by FROM projection_script_text
                WHERE project = ? AND checksum = ?""",
                (rs, n) -> {
                    try {
                        return new Text(rs.getString(1), json.readValue(rs.getString(2), FINDINGS),
                                rs.getObject(3, OffsetDateTime.class), rs.getString(4));
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("unreadable findings in projection_script_text", e);
                    }
                }, project, checksum);
        return texts.isEmpty() ? null : texts.get(0);
    }
}
