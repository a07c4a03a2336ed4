package dev.migrationledger.service.projection.environmentstate;

import dev.migrationledger.ledger.api.BaselineRecorded;
import dev.migrationledger.ledger.api.DriftDetected;
import dev.migrationledger.ledger.api.DriftResolved;
import dev.migrationledger.ledger.api.EnvironmentPolicyChanged;
import dev.migrationledger.ledger.api.LedgerEvent;
import dev.migrationledger.ledger.api.MigrationApplied;
import dev.migrationledger.ledger.api.MigrationCorrected;
import dev.migrationledger.ledger.api.MigrationFailed;
import dev.migrationledger.ledger.api.MigrationPlanned;
import dev.migrationledger.ledger.api.MigrationReplanned;
import dev.migrationledger.ledger.api.MigrationRolledBack;
import dev.migrationledger.ledger.api.ProjectRegistered;
import dev.migrationledger.service.projection.ProjectionPositions;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Per-environment schema state: applied, failed, planned (for pending), open drift, and the projects
 * with their policies. One handler takes every ledger event, including the ones it ignores, so that
 * its position and its token advance with every event and read-your-writes never waits on an event
 * this projection has no use for.
 */
@Component
@ProcessingGroup(EnvironmentStateProjection.GROUP)
public class EnvironmentStateProjection {

    public static final String GROUP = "environment-state";

    private final EnvironmentStateTables tables;
    private final ProjectionPositions positions;

    EnvironmentStateProjection(EnvironmentStateTables tables, ProjectionPositions positions) {
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
        if (event instanceof ProjectRegistered e) {
            tables.registerProject(e.project(), e.environments(), e.occurredAt(), e.actor(), index);
        } else if (event instanceof EnvironmentPolicyChanged e) {
            tables.changePolicy(e.project(), e.environment(), e.policy(), index);
        } else if (event instanceof MigrationPlanned e) {
            tables.plan(e.project(), e.migration().version(), e.migration().description(), e.migration().checksum(), index);
        } else if (event instanceof MigrationReplanned e) {
            tables.plan(e.project(), e.migration().version(), e.migration().description(), e.migration().checksum(), index);
        } else if (event instanceof MigrationCorrected e) {
            tables.supersede(e.project(), e.version(), e.correctedBy(), index);
        } else if (event instanceof MigrationApplied e) {
            tables.applied(e.project(), e.environment(), e.version(), null, e.checksum(), e.finishedAt(), e.actor(),
                    e.executionId(), e.violations(), index);
        } else if (event instanceof MigrationFailed e) {
            tables.failed(e.project(), e.environment(), e.version(), e.checksum(), e.error(), e.finishedAt(),
                    e.executionId(), index);
        } else if (event instanceof MigrationRolledBack e) {
            tables.rolledBack(e.project(), e.environment(), e.version());
        } else if (event instanceof BaselineRecorded e) {
            baseline(e, index);
        } else if (event instanceof DriftDetected e) {
            tables.driftDetected(e.project(), e.findingId(), e.environment(), e.kind(), e.version(), e.detail(),
                    e.objects(), e.scanId(), e.occurredAt(), e.actor(), index);
        } else if (event instanceof DriftResolved e) {
            tables.driftResolved(e.project(), e.findingId());
        }
    }

    /** Imported history counts as applied (or failed) at the time the other tool recorded it. */
    private void baseline(BaselineRecorded e, long index) {
        if (e.success()) {
            tables.applied(e.project(), e.environment(), e.version(), e.description(), e.checksum(), e.occurredAt(),
                    e.actor(), e.sourceId(), List.of(), index);
        } else {
            tables.failed(e.project(), e.environment(), e.version(), e.checksum(),
                    "failed according to " + e.tool().wireName() + " history", e.occurredAt(), e.sourceId(), index);
        }
    }
}
