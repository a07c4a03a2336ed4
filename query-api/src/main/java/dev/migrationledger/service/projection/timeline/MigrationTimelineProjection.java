package dev.migrationledger.service.projection.timeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationledger.ledger.api.ApprovalRevoked;
import dev.migrationledger.ledger.api.BaselineRecorded;
import dev.migrationledger.ledger.api.DriftDetected;
import dev.migrationledger.ledger.api.DriftResolved;
import dev.migrationledger.ledger.api.ExecutionAuthorized;
import dev.migrationledger.ledger.api.ExecutionDenied;
import dev.migrationledger.ledger.api.LedgerEvent;
import dev.migrationledger.ledger.api.MigrationApplied;
import dev.migrationledger.ledger.api.MigrationApproved;
import dev.migrationledger.ledger.api.MigrationCorrected;
import dev.migrationledger.ledger.api.MigrationFailed;
import dev.migrationledger.ledger.api.MigrationPlanned;
import dev.migrationledger.ledger.api.MigrationReplanned;
import dev.migrationledger.ledger.api.MigrationRolledBack;
import dev.migrationledger.service.projection.EventIndexes;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * Every event concerning a migration, per (project, version), keyed by (project, version, global index) so
 * that a redelivered event adds nothing. An authorization concerns each version it authorized; a correction
 * concerns both the failed version and the one that supersedes it.
 */
@Component
@ProcessingGroup(MigrationTimelineProjection.GROUP)
public class MigrationTimelineProjection {

    public static final String GROUP = "migration-timeline";

    private final TimelineTable table;
    private final EventIndexes indexes;
    private final ObjectMapper json;

    MigrationTimelineProjection(TimelineTable table, EventIndexes indexes, ObjectMapper json) {
        this.table = table;
        this.indexes = indexes;
        this.json = json;
    }

    @EventHandler
    void on(MigrationPlanned e, @MessageIdentifier String id) throws JsonProcessingException {
        add(e, id, null, List.of(e.migration().version()), v -> TimelineSummary.of(e));
    }

    @EventHandler
    void on(MigrationReplanned e, @MessageIdentifier String id) throws JsonProcessingException {
        add(e, id, null, List.of(e.migration().version()), v -> TimelineSummary.of(e));
    }

    @EventHandler
    void on(MigrationApproved e, @MessageIdentifier String id) throws JsonProcessingException {
        add(e, id, e.environment(), List.of(e.version()), v -> TimelineSummary.of(e));
    }

    @EventHandler
    void on(ApprovalRevoked e, @MessageIdentifier String id) throws JsonProcessingException {
        add(e, id, null, List.of(e.version()), v -> TimelineSummary.of(e));
    }

    @EventHandler
    void on(ExecutionAuthorized e, @MessageIdentifier String id) throws JsonProcessingException {
        add(e, id, e.environment(), e.migrations().stream().map(ExecutionAuthorized.AuthorizedMigration::version)
                .distinct().toList(), v -> TimelineSummary.of(e));
    }

    @EventHandler
    void on(ExecutionDenied e, @MessageIdentifier String id) throws JsonProcessingException {
        add(e, id, e.environment(), List.of(e.version()), v -> TimelineSummary.of(e));
    }

    @EventHandler
    void on(MigrationApplied e, @MessageIdentifier String id) throws JsonProcessingException {
        add(e, id, e.environment(), List.of(e.version()), v -> TimelineSummary.of(e));
    }

    @EventHandler
    void on(MigrationFailed e, @MessageIdentifier String id) throws JsonProcessingException {
        add(e, id, e.environment(), List.of(e.version()), v -> TimelineSummary.of(e));
    }

    @EventHandler
    void on(MigrationCorrected e, @MessageIdentifier String id) throws JsonProcessingException {
        add(e, id, null, List.of(e.version(), e.correctedBy()).stream().distinct().toList(), v -> TimelineSummary.of(e, v));
    }

    @EventHandler
    void on(MigrationRolledBack e, @MessageIdentifier String id) throws JsonProcessingException {
        add(e, id, e.environment(), List.of(e.version()), v -> TimelineSummary.of(e));
    }

    @EventHandler
    void on(BaselineRecorded e, @MessageIdentifier String id) throws JsonProcessingException {
        add(e, id, e.environment(), List.of(e.version()), v -> TimelineSummary.of(e));
    }

    /** A finding about the schema as a whole (no version) concerns no migration's timeline. */
    @EventHandler
    void on(DriftDetected e, @MessageIdentifier String id) throws JsonProcessingException {
        if (e.version() != null) {
            add(e, id, e.environment(), List.of(e.version()), v -> TimelineSummary.of(e));
        }
    }

    /** A resolution names only the finding: it concerns the versions its detection was about. */
    @EventHandler
    void on(DriftResolved e, @MessageIdentifier String id) throws JsonProcessingException {
        add(e, id, e.environment(), table.versionsOfFinding(e.project(), e.findingId()), v -> TimelineSummary.of(e));
    }

    @ResetHandler
    void reset() {
        table.clear();
    }

    private void add(LedgerEvent event, String eventId, String environment, Collection<String> versions,
                     Function<String, String> summary) throws JsonProcessingException {
        if (versions.isEmpty()) {
            return;
        }
        table.add(event.project(), versions, indexes.of(eventId), event.getClass().getSimpleName(), environment,
                event.actor(), event.occurredAt(), event.recordedAt(), summary,
                json.writeValueAsString(event));
    }
}
