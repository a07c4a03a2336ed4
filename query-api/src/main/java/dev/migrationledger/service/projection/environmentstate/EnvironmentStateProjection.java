package dev.migrationledger.service.projection.environmentstate;

import dev.migrationledger.ledger.api.BaselineRecorded;
import dev.migrationledger.ledger.api.DriftDetected;
import dev.migrationledger.ledger.api.DriftResolved;
import dev.migrationledger.ledger.api.EnvironmentPolicyChanged;
import dev.migrationledger.ledger.api.MigrationApplied;
import dev.migrationledger.ledger.api.MigrationCorrected;
import dev.migrationledger.ledger.api.MigrationFailed;
import dev.migrationledger.ledger.api.MigrationPlanned;
import dev.migrationledger.ledger.api.MigrationReplanned;
import dev.migrationledger.ledger.api.MigrationRolledBack;
import dev.migrationledger.ledger.api.ProjectRegistered;
import dev.migrationledger.service.projection.EventIndexes;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Per-environment schema state: applied, failed, planned (for pending), open drift, and the projects
 * with their policies. Its progress is its tracking token alone, committed with its rows; every write is
 * an upsert or a delete keyed by the rows' natural keys, so a redelivered event changes nothing.
 */
@Component
@ProcessingGroup(EnvironmentStateProjection.GROUP)
public class EnvironmentStateProjection {

    public static final String GROUP = "environment-state";

    private final EnvironmentStateTables tables;
    private final EventIndexes indexes;

    EnvironmentStateProjection(EnvironmentStateTables tables, EventIndexes indexes) {
        this.tables = tables;
        this.indexes = indexes;
    }

    @EventHandler
    void on(ProjectRegistered e, @MessageIdentifier String id) {
        tables.registerProject(e.project(), e.environments(), e.occurredAt(), e.actor(), indexes.of(id));
    }

    @EventHandler
    void on(EnvironmentPolicyChanged e, @MessageIdentifier String id) {
        tables.changePolicy(e.project(), e.environment(), e.policy(), indexes.of(id));
    }

    @EventHandler
    void on(MigrationPlanned e, @MessageIdentifier String id) {
        tables.plan(e.project(), e.migration().version(), e.migration().description(), e.migration().checksum(),
                indexes.of(id));
    }

    @EventHandler
    void on(MigrationReplanned e, @MessageIdentifier String id) {
        tables.plan(e.project(), e.migration().version(), e.migration().description(), e.migration().checksum(),
                indexes.of(id));
    }

    @EventHandler
    void on(MigrationCorrected e, @MessageIdentifier String id) {
        tables.supersede(e.project(), e.version(), e.correctedBy(), indexes.of(id));
    }

    @EventHandler
    void on(MigrationApplied e, @MessageIdentifier String id) {
        tables.applied(e.project(), e.environment(), e.version(), null, e.checksum(), e.finishedAt(), e.actor(),
                e.executionId(), e.violations(), indexes.of(id));
    }

    @EventHandler
    void on(MigrationFailed e, @MessageIdentifier String id) {
        tables.failed(e.project(), e.environment(), e.version(), e.checksum(), e.error(), e.finishedAt(),
                e.executionId(), indexes.of(id));
    }

    @EventHandler
    void on(MigrationRolledBack e) {
        tables.rolledBack(e.project(), e.environment(), e.version());
    }

    /** Imported history counts as applied (or failed) at the time the other tool recorded it. */
    @EventHandler
    void on(BaselineRecorded e, @MessageIdentifier String id) {
        long index = indexes.of(id);
        if (e.success()) {
            tables.applied(e.project(), e.environment(), e.version(), e.description(), e.checksum(), e.occurredAt(),
                    e.actor(), e.sourceId(), List.of(), index);
        } else {
            tables.failed(e.project(), e.environment(), e.version(), e.checksum(),
                    "failed according to " + e.tool().wireName() + " history", e.occurredAt(), e.sourceId(), index);
        }
    }

    @EventHandler
    void on(DriftDetected e, @MessageIdentifier String id) {
        tables.driftDetected(e.project(), e.findingId(), e.environment(), e.kind(), e.version(), e.detail(),
                e.objects(), e.scanId(), e.occurredAt(), e.actor(), indexes.of(id));
    }

    @EventHandler
    void on(DriftResolved e) {
        tables.driftResolved(e.project(), e.findingId());
    }

    @ResetHandler
    void reset() {
        tables.clear();
    }
}
