package dev.migrationledger.service.web;

import dev.migrationledger.service.projection.drift.EnvironmentDrift;
import dev.migrationledger.service.projection.drift.EnvironmentDriftQuery;
import dev.migrationledger.ledger.domain.CommandRejectedException;
import dev.migrationledger.ledger.domain.ReasonCode;
import dev.migrationledger.service.projection.environmentstate.EnvironmentState;
import dev.migrationledger.service.projection.environmentstate.EnvironmentStateAt;
import dev.migrationledger.service.projection.environmentstate.EnvironmentStateProjection;
import dev.migrationledger.service.projection.environmentstate.EnvironmentStateQuery;
import dev.migrationledger.service.projection.environmentstate.ProjectView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/** Reads served by the environment-state read model: projects, an environment's state, drift between environments. */
@RestController
@RequestMapping("/api/v1/projects")
public class ProjectQueryController {

    private static final List<String> GROUPS = List.of(EnvironmentStateProjection.GROUP);
    private static final String MIN_INDEX = "Wait (bounded) until the read model includes this global index; "
            + "a late answer carries Ledger-Stale: true";

    private final EnvironmentStateQuery state;
    private final EnvironmentDriftQuery drift;
    private final ReadYourWrites reads;
    private final EnvironmentStateAt stateAt;

    ProjectQueryController(EnvironmentStateQuery state, EnvironmentDriftQuery drift, ReadYourWrites reads,
                           EnvironmentStateAt stateAt) {
        this.state = state;
        this.stateAt = stateAt;
        this.drift = drift;
        this.reads = reads;
    }

    @GetMapping
    @Operation(summary = "Registered projects with their environments and policies")
    public ResponseEntity<List<ProjectView>> projects(
            @Parameter(description = MIN_INDEX) @RequestParam(required = false) Long minIndex) {
        return reads.answer(GROUPS, minIndex, state::projects);
    }

    @GetMapping("/{project}")
    @Operation(summary = "One project with its environments (in promotion order) and their policies")
    public ResponseEntity<ProjectView> project(@PathVariable String project,
                                               @Parameter(description = MIN_INDEX) @RequestParam(required = false) Long minIndex) {
        return reads.answer(GROUPS, minIndex, () -> state.project(project));
    }

    @GetMapping("/{project}/environments/{environment}/state")
    @Operation(summary = "What an environment holds: applied, pending, failed (not corrected) migrations, "
            + "the current version and open drift findings")
    public ResponseEntity<EnvironmentState> state(@PathVariable String project, @PathVariable String environment,
                                                  @Parameter(description = MIN_INDEX) @RequestParam(required = false) Long minIndex,
                                                  @Parameter(description = "RFC 3339 instant: the state as the ledger had "
                                                          + "recorded it then (by recordedAt), folded from the events")
                                                  @RequestParam(required = false) String at) {
        if (at != null) {
            // from the event store itself: no read model to wait for
            return ResponseEntity.ok(stateAt.state(project, environment, instant(at, "at")));
        }
        return reads.answer(GROUPS, minIndex, () -> state.state(project, environment));
    }

    private static Instant instant(String text, String field) {
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new CommandRejectedException(ReasonCode.INVALID_INPUT.reason(
                    field + " is an RFC 3339 time such as 2026-05-01T00:00:00Z", field));
        }
    }

    @GetMapping("/{project}/drift")
    @Operation(summary = "Environment against environment: migrations missing in 'to', extra in 'to', "
            + "and applied in both with different checksums, each with the time the difference began")
    public ResponseEntity<EnvironmentDrift> drift(@PathVariable String project,
                                                  @RequestParam(required = false) String from,
                                                  @RequestParam(required = false) String to,
                                                  @Parameter(description = MIN_INDEX) @RequestParam(required = false) Long minIndex) {
        return reads.answer(GROUPS, minIndex, () -> drift.between(project, from, to));
    }
}
