package dev.migrationledger.service.projection.compliance;

import dev.migrationledger.ledger.api.*;
import dev.migrationledger.ledger.domain.Outcome;
import dev.migrationledger.service.projection.ProjectionPositions;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.stereotype.Component;

/**
 * The compliance read model: one row per execution with who planned, approved, backed up and
 * authorized it, copied in when the execution is recorded — so the report shows what stood at that
 * moment (an approval revoked later does not vanish from an old apply) and is answered by a query,
 * never by replaying events per request. Takes every event so its position follows the whole stream.
 */
@Component
@ProcessingGroup(ComplianceProjection.GROUP)
public class ComplianceProjection {

    public static final String GROUP = "compliance";

    private final ComplianceTables tables;
    private final ProjectionPositions positions;

    ComplianceProjection(ComplianceTables tables, ProjectionPositions positions) {
        this.tables = tables;
        this.positions = positions;
    }

    @EventHandler
    void on(LedgerEvent event, TrackingToken token, @MessageIdentifier String eventId) {
        positions.advance(GROUP, token, eventId).ifPresent(index -> apply(event, index));
    }

    @ResetHandler
    void reset() {
        tables.clear();
        positions.forget(GROUP);
    }

    private void apply(LedgerEvent event, long index) {
        if (event instanceof MigrationPlanned e) {
            tables.planned(e.project(), e.migration(), e.actor(), e.recordedAt());
        } else if (event instanceof MigrationReplanned e) {
            tables.replanned(e.project(), e.migration());
            e.voidedApprovals().forEach(id -> tables.approvalGone(e.project(), id));
        } else if (event instanceof MigrationApproved e) {
            tables.approved(e, index);
        } else if (event instanceof ApprovalRevoked e) {
            tables.approvalGone(e.project(), e.approvalId());
        } else if (event instanceof BackupVerified e) {
            tables.backup(e);
        } else if (event instanceof ExecutionAuthorized e) {
            tables.authorized(e);
        } else if (event instanceof MigrationApplied e) {
            tables.execution(new ComplianceTables.Execution(e.project(), e.executionId(), e.environment(), e.version(),
                    null, e.checksum(), e.outcome().name(), e.startedAt(), e.finishedAt(), e.recordedAt(), e.actor(), e.tool(),
                    e.gitSha(), e.pipelineUrl(), null, e.authorizationId(), e.violations()), index);
        } else if (event instanceof MigrationFailed e) {
            tables.execution(new ComplianceTables.Execution(e.project(), e.executionId(), e.environment(), e.version(),
                    null, e.checksum(), e.outcome().name(), e.startedAt(), e.finishedAt(), e.recordedAt(), e.actor(), e.tool(),
                    e.gitSha(), e.pipelineUrl(), e.error(), e.authorizationId(), e.violations()), index);
        } else if (event instanceof BaselineRecorded e) {
            // imported history: ran before the ledger watched, so nothing was approved or authorized here
            String id = e.sourceId() != null ? e.sourceId() : "baseline:" + e.version();
            tables.execution(new ComplianceTables.Execution(e.project(), id, e.environment(), e.version(),
                    e.description(), e.checksum(), Outcome.baseline(e.success()).name(), null, e.occurredAt(),
                    e.recordedAt(), e.installedBy() != null ? e.installedBy() : e.actor(), e.tool(), null, null,
                    null, null, java.util.List.of()), index);
        } else if (event instanceof DriftDetected e) {
            tables.driftDetected(e, index);
        } else if (event instanceof DriftResolved e) {
            tables.driftResolved(e);
        }
    }
}
