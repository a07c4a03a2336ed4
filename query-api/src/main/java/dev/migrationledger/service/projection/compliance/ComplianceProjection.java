package dev.migrationledger.service.projection.compliance;

import dev.migrationledger.ledger.api.ApprovalRevoked;
import dev.migrationledger.ledger.api.BackupVerified;
import dev.migrationledger.ledger.api.BaselineRecorded;
import dev.migrationledger.ledger.api.DriftDetected;
import dev.migrationledger.ledger.api.DriftResolved;
import dev.migrationledger.ledger.api.ExecutionAuthorized;
import dev.migrationledger.ledger.api.MigrationApplied;
import dev.migrationledger.ledger.api.MigrationApproved;
import dev.migrationledger.ledger.api.MigrationFailed;
import dev.migrationledger.ledger.api.MigrationPlanned;
import dev.migrationledger.ledger.api.MigrationReplanned;
import dev.migrationledger.ledger.domain.Outcome;
import dev.migrationledger.service.projection.EventIndexes;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The compliance read model: one row per execution with who planned, approved, backed up and
 * authorized it, copied in when the execution is recorded — so the report shows what stood at that
 * moment (an approval revoked later does not vanish from an old apply) and is answered by a query,
 * never by replaying events per request. Its progress is its tracking token, committed with its rows.
 */
@Component
@ProcessingGroup(ComplianceProjection.GROUP)
public class ComplianceProjection {

    public static final String GROUP = "compliance";

    private final ComplianceTables tables;
    private final EventIndexes indexes;

    ComplianceProjection(ComplianceTables tables, EventIndexes indexes) {
        this.tables = tables;
        this.indexes = indexes;
    }

    @EventHandler
    void on(MigrationPlanned e) {
        tables.planned(e.project(), e.migration(), e.actor(), e.recordedAt());
    }

    @EventHandler
    void on(MigrationReplanned e) {
        tables.replanned(e.project(), e.migration());
        tables.approvalsGone(e.project(), e.voidedApprovals());
    }

    @EventHandler
    void on(MigrationApproved e, @MessageIdentifier String id) {
        tables.approved(e, indexes.of(id));
    }

    @EventHandler
    void on(ApprovalRevoked e) {
        tables.approvalsGone(e.project(), List.of(e.approvalId()));
    }

    @EventHandler
    void on(BackupVerified e) {
        tables.backup(e);
    }

    @EventHandler
    void on(ExecutionAuthorized e) {
        tables.authorized(e);
    }

    @EventHandler
    void on(MigrationApplied e, @MessageIdentifier String id) {
        tables.execution(new ComplianceTables.Execution(e.project(), e.executionId(), e.environment(), e.version(),
                null, e.checksum(), e.outcome().name(), e.startedAt(), e.finishedAt(), e.recordedAt(), e.actor(), e.tool(),
                e.gitSha(), e.pipelineUrl(), null, e.authorizationId(), e.violations()), indexes.of(id));
    }

    @EventHandler
    void on(MigrationFailed e, @MessageIdentifier String id) {
        tables.execution(new ComplianceTables.Execution(e.project(), e.executionId(), e.environment(), e.version(),
                null, e.checksum(), e.outcome().name(), e.startedAt(), e.finishedAt(), e.recordedAt(), e.actor(), e.tool(),
                e.gitSha(), e.pipelineUrl(), e.error(), e.authorizationId(), e.violations()), indexes.of(id));
    }

    /** Imported history: it ran before the ledger watched, so nothing was approved or authorized here. */
    @EventHandler
    void on(BaselineRecorded e, @MessageIdentifier String id) {
        String executionId = e.sourceId() != null ? e.sourceId() : "baseline:" + e.version();
        tables.execution(new ComplianceTables.Execution(e.project(), executionId, e.environment(), e.version(),
                e.description(), e.checksum(), Outcome.baseline(e.success()).name(), null, e.occurredAt(),
                e.recordedAt(), e.installedBy() != null ? e.installedBy() : e.actor(), e.tool(), null, null,
                null, null, List.of()), indexes.of(id));
    }

    @EventHandler
    void on(DriftDetected e, @MessageIdentifier String id) {
        tables.driftDetected(e, indexes.of(id));
    }

    @EventHandler
    void on(DriftResolved e) {
        tables.driftResolved(e);
    }

    @ResetHandler
    void reset() {
        tables.clear();
    }
}
