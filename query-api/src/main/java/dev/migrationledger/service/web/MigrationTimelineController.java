package dev.migrationledger.service.web;

import dev.migrationledger.service.projection.timeline.MigrationTimeline;
import dev.migrationledger.service.projection.timeline.MigrationTimelineProjection;
import dev.migrationledger.service.projection.timeline.MigrationTimelineQuery;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
public class MigrationTimelineController {

    private final MigrationTimelineQuery timelines;
    private final ReadYourWrites reads;

    MigrationTimelineController(MigrationTimelineQuery timelines, ReadYourWrites reads) {
        this.timelines = timelines;
        this.reads = reads;
    }

    @GetMapping("/api/v1/projects/{project}/migrations/{version}/timeline")
    @Operation(summary = "Every event concerning one migration, in ledger order, each with a summary and its full JSON")
    public ResponseEntity<MigrationTimeline> timeline(@PathVariable String project, @PathVariable String version,
                                                      @RequestParam(required = false) Long minIndex) {
        return reads.answer(List.of(MigrationTimelineProjection.GROUP), minIndex,
                () -> timelines.timeline(project, version));
    }
}
