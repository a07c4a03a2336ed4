package dev.migrationledger.service.web;

import dev.migrationledger.service.projection.ProjectionRebuild;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ProjectionController {

    /** The rebuild has begun; its tables fill up again as the replay proceeds (reads meanwhile may be incomplete). */
    public record RebuildStarted(String name, String status) {
    }

    private final ProjectionRebuild rebuild;

    ProjectionController(ProjectionRebuild rebuild) {
        this.rebuild = rebuild;
    }

    @PostMapping("/api/v1/projections/{name}/rebuild")
    @Operation(summary = "Admin: empty a read model and replay every stored event into it "
            + "(environment-state, migration-timeline or compliance)")
    public ResponseEntity<RebuildStarted> rebuild(@PathVariable String name) {
        rebuild.rebuild(name);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new RebuildStarted(name, "REBUILDING"));
    }
}
