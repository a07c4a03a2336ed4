package dev.migrationledger.service.projection.compliance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationledger.ledger.api.*;
import dev.migrationledger.ledger.domain.CountingApprovals;
import dev.migrationledger.ledger.domain.Reason;
import dev.migrationledger.ledger.domain.Tool;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes of the compliance read model: inserts that keep the first row for a key (ON CONFLICT DO NOTHING),
 * upserts and deletes, so an event handled twice gives the tables it gave once.
 */
@Component
class ComplianceTables {

    static final List<String> TABLES = List.of("compliance_migration", "compliance_approval", "compliance_backup",
            "compliance_authorization", "compliance_execution", "compliance_drift");

    record Execution(String project, String executionId, String environment, String version, String description,
                     String checksum, String status, Instant startedAt, Instant finishedAt, Instant recordedAt,
                     String actor, Tool tool, String gitSha, String pipelineUrl, String error, String authorizationId,
                     List<Reason> violations) {
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    ComplianceTables(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write compliance JSON", e);
        }
    }

    void planned(String project, MigrationDefinition m, String plannedBy, Instant at) {
        jdbc.update("""
                INSERT INTO compliance_migration (project, version, description, checksum, planned_by, planned_at, author)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (project, version) DO NOTHING""",
                project, m.version(), m.description(), m.checksum(), plannedBy, utc(at), m.author());
    }

    /** A replan changes the script and may change its author, not who first planned it. */
    void replanned(String project, MigrationDefinition m) {
        jdbc.update("UPDATE compliance_migration SET description = ?, checksum = ?, author = ? WHERE project = ? AND version = ?",
                m.description(), m.checksum(), m.author(), project, m.version());
    }

    void approved(MigrationApproved e, long index) {
        jdbc.update("""
                INSERT INTO compliance_approval (project, approval_id, version, approver, checksum, environment,
                                                 approved_at, global_index)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (project, approval_id) DO NOTHING""",
                e.project(), e.approvalId(), e.version(), e.actor(), e.checksum(), e.environment(), utc(e.recordedAt()),
                index);
    }

    /** Revoked or voided by a replan: one statement for all of a replan's voided approvals. */
    void approvalsGone(String project, List<String> approvalIds) {
        if (approvalIds.isEmpty()) {
            return;
        }
        jdbc.update(con -> {
            var ps = con.prepareStatement("DELETE FROM compliance_approval WHERE project = ? AND approval_id = ANY(?)");
            ps.setString(1, project);
            ps.setArray(2, con.createArrayOf("varchar", approvalIds.toArray()));
            return ps;
        });
    }

    void backup(BackupVerified e) {
        Map<String, Object> backup = new LinkedHashMap<>();
        backup.put("backupId", e.backupId());
        backup.put("location", e.location());
        backup.put("takenAt", e.takenAt());
        backup.put("restoreTested", e.restoreTested());
        backup.put("verifiedBy", e.actor());
        backup.put("verifiedAt", e.recordedAt());
        jdbc.update("""
                INSERT INTO compliance_backup (project, environment, backup) VALUES (?, ?, ?::jsonb)
                ON CONFLICT (project, environment) DO UPDATE SET backup = EXCLUDED.backup""",
                e.project(), e.environment(), toJson(backup));
    }

    void authorized(ExecutionAuthorized e) {
        Map<String, Object> authorization = new LinkedHashMap<>();
        authorization.put("executionId", e.executionId());
        authorization.put("environment", e.environment());
        authorization.put("versions", e.migrations().stream().map(ExecutionAuthorized.AuthorizedMigration::version).toList());
        authorization.put("authorizedBy", e.actor());
        authorization.put("authorizedAt", e.recordedAt());
        authorization.put("gitSha", e.gitSha());
        authorization.put("pipelineUrl", e.pipelineUrl());
        jdbc.update("""
                INSERT INTO compliance_authorization (project, execution_id, authorized) VALUES (?, ?, ?::jsonb)
                ON CONFLICT (project, execution_id) DO NOTHING""", e.project(), e.executionId(), toJson(authorization));
    }

    /**
     * The live approvals (revoked and voided ones are deleted) that count for the migration as planned now, as
     * {@link CountingApprovals} selects them; none for an unplanned one.
     */
    private String[] countingApprovalIds(String project, String version, String environment) {
        List<Map<String, Object>> planned = jdbc.queryForList(
                "SELECT checksum, author, planned_by FROM compliance_migration WHERE project = ? AND version = ?",
                project, version);
        if (planned.isEmpty()) {
            return new String[0];
        }
        Map<String, Object> m = planned.get(0);
        record Live(String approvalId, CountingApprovals.Vote vote) {
        }
        List<Live> live = jdbc.query("""
                SELECT approval_id, approver, checksum, environment FROM compliance_approval
                WHERE project = ? AND version = ? ORDER BY global_index""",
                (rs, n) -> new Live(rs.getString("approval_id"), new CountingApprovals.Vote(rs.getString("approver"),
                        rs.getString("checksum"), rs.getString("environment"))), project, version);
        return CountingApprovals.select(live, Live::vote, (String) m.get("checksum"), environment,
                (String) m.get("author"), (String) m.get("planned_by")).stream().map(Live::approvalId).toArray(String[]::new);
    }

    /** The execution with the approvals (for all environments or this one), backup and authorization standing now. */
    void execution(Execution x, long index) {
        jdbc.update("""
                INSERT INTO compliance_execution (project, execution_id, environment, version, description, checksum,
                    status, started_at, finished_at, recorded_at, actor, tool, git_sha, pipeline_url, error,
                    planned_by, planned_at, approvals, backup, authorized, violations, global_index)
                SELECT ?, ?, ?, ?, COALESCE(?, m.description), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, m.planned_by, m.planned_at,
                    COALESCE((SELECT jsonb_agg(jsonb_build_object('approver', a.approver, 'approvedAt', a.approved_at,
                                  'checksum', a.checksum, 'environment', a.environment) ORDER BY a.global_index)
                              FROM compliance_approval a WHERE a.project = ? AND a.approval_id = ANY(?)), '[]'::jsonb),
                    (SELECT b.backup FROM compliance_backup b WHERE b.project = ? AND b.environment = ?),
                    (SELECT z.authorized FROM compliance_authorization z WHERE z.project = ? AND z.execution_id = ?),
                    ?::jsonb, ?
                FROM (SELECT 1) one
                LEFT JOIN compliance_migration m ON m.project = ? AND m.version = ?
                ON CONFLICT (project, execution_id, environment) DO NOTHING""",
                x.project(), x.executionId(), x.environment(), x.version(), x.description(), x.checksum(), x.status(),
                utc(x.startedAt()), utc(x.finishedAt()), utc(x.recordedAt()), x.actor(),
                x.tool() == null ? null : x.tool().wireName(), x.gitSha(), x.pipelineUrl(), x.error(),
                x.project(), countingApprovalIds(x.project(), x.version(), x.environment()), x.project(), x.environment(),
                x.project(), x.authorizationId(), toJson(x.violations() == null ? List.of() : x.violations()), index,
                x.project(), x.version());
    }

    void driftDetected(DriftDetected e, long index) {
        jdbc.update("""
                INSERT INTO compliance_drift (project, finding_id, detected_index, environment, kind, version, detail,
                                              objects, scan_id, detected_at, detected_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?) ON CONFLICT DO NOTHING""",
                e.project(), e.findingId(), index, e.environment(), e.kind(), e.version(), e.detail(),
                toJson(e.objects() == null ? List.of() : e.objects()), e.scanId(), utc(e.occurredAt()), e.actor());
    }

    void driftResolved(DriftResolved e) {
        jdbc.update("""
                UPDATE compliance_drift SET resolved_at = ?, resolved_by_scan = ?
                WHERE project = ? AND finding_id = ? AND resolved_at IS NULL""",
                utc(e.occurredAt()), e.scanId(), e.project(), e.findingId());
    }

    void clear() {
        jdbc.execute("TRUNCATE " + String.join(", ", TABLES));
    }
}
