package dev.migrationledger.service.projection.timeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationledger.ledger.api.*;
import dev.migrationledger.service.projection.ProjectionPositions;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.stereotype.Component;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Every event concerning a migration, per (project, version). An authorization concerns each version
 * it authorized; a correction concerns both the failed version and the one that supersedes it.
 */
@Component
@ProcessingGroup(MigrationTimelineProjection.GROUP)
public class MigrationTimelineProjection {

    public static final String GROUP = "migration-timeline";

    private final TimelineTable table;
    private final ProjectionPositions positions;
    private final ObjectMapper json;

    MigrationTimelineProjection(TimelineTable table, ProjectionPositions positions, ObjectMapper json) {
        this.table = table;
        this.positions = positions;
        this.json = json;
    }

    /** Takes every event, even those about no migration, so that the position follows the whole stream. */
    @EventHandler
    void on(LedgerEvent event, TrackingToken token, @MessageIdentifier String eventId) throws JsonProcessingException {
        OptionalLong applied = positions.advance(GROUP, token, eventId);
        if (applied.isEmpty()) {
            return;
        }
        long index = applied.getAsLong();
        Set<String> versions = versions(event);
        if (versions.isEmpty()) {
            return;
        }
        String eventJson = json.writeValueAsString(event);
        String type = event.getClass().getSimpleName();
        for (String version : versions) {
            table.add(event.project(), version, index, type, environment(event), event.actor(), event.occurredAt(),
                    event.recordedAt(), TimelineSummary.of(event, version), eventJson);
        }
    }

    @ResetHandler
    void reset() {
        table.clear();
        positions.forget(GROUP);
    }

    private Set<String> versions(LedgerEvent event) {
        Set<String> versions = new LinkedHashSet<>();
        if (event instanceof MigrationPlanned e) {
            versions.add(e.migration().version());
        } else if (event instanceof MigrationReplanned e) {
            versions.add(e.migration().version());
        } else if (event instanceof MigrationApproved e) {
            versions.add(e.version());
        } else if (event instanceof ApprovalRevoked e) {
            versions.add(e.version());
        } else if (event instanceof ExecutionAuthorized e) {
            e.migrations().forEach(m -> versions.add(m.version()));
        } else if (event instanceof ExecutionDenied e) {
            versions.add(e.version());
        } else if (event instanceof MigrationApplied e) {
            versions.add(e.version());
        } else if (event instanceof MigrationFailed e) {
            versions.add(e.version());
        } else if (event instanceof MigrationCorrected e) {
            versions.addAll(List.of(e.version(), e.correctedBy()));
        } else if (event instanceof MigrationRolledBack e) {
            versions.add(e.version());
        } else if (event instanceof BaselineRecorded e) {
            versions.add(e.version());
        } else if (event instanceof DriftDetected e && e.version() != null) {
            versions.add(e.version());
        } else if (event instanceof DriftResolved e) {
            versions.addAll(table.versionsOfFinding(e.project(), e.findingId()));
        }
        return versions;
    }

    private static String environment(LedgerEvent event) {
        if (event instanceof ExecutionAuthorized e) {
            return e.environment();
        } else if (event instanceof ExecutionDenied e) {
            return e.environment();
        } else if (event instanceof MigrationApplied e) {
            return e.environment();
        } else if (event instanceof MigrationFailed e) {
            return e.environment();
        } else if (event instanceof MigrationRolledBack e) {
            return e.environment();
        } else if (event instanceof BaselineRecorded e) {
            return e.environment();
        } else if (event instanceof DriftDetected e) {
            return e.environment();
        } else if (event instanceof DriftResolved e) {
            return e.environment();
        } else if (event instanceof MigrationApproved e) {
            return e.environment();
        }
        return null;
    }
}
