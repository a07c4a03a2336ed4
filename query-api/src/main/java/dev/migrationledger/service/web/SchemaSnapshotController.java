package dev.migrationledger.service.web;

import dev.migrationledger.ledger.api.SchemaLines;
import dev.migrationledger.service.problem.Problem;
import dev.migrationledger.service.schema.SchemaDescription;
import dev.migrationledger.service.schema.SchemaSnapshots;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.*;

import java.util.List;

/**
 * Canonical schema descriptions by fingerprint (docs/drift.md). A fact carries only the fingerprint
 * of the schema it left; its description is sent here, so that a later scan can name what changed.
 */
@RestController
@RequestMapping("/api/v1/schema-snapshots")
public class SchemaSnapshotController {

    public record SnapshotResponse(String fingerprint, int lines, boolean created) {
    }

    private final SchemaSnapshots snapshots;

    SchemaSnapshotController(SchemaSnapshots snapshots) {
        this.snapshots = snapshots;
    }

    @Operation(summary = "Store the canonical description of a fingerprint (ci); the SHA-256 of the lines "
            + "joined with \\n must be the fingerprint. Idempotent: the same content is stored once.")
    @PutMapping("/{fingerprint}")
    public ResponseEntity<SnapshotResponse> put(@PathVariable String fingerprint, @RequestBody SchemaLines request,
                                                Authentication caller) {
        SchemaDescription description = SchemaDescription.verified(fingerprint, request.lines(), "lines");
        boolean created = snapshots.store(description, caller.getName());
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK)
                .body(new SnapshotResponse(description.fingerprint(), description.lines().size(), created));
    }

    @Operation(summary = "The canonical description stored for a fingerprint")
    @GetMapping("/{fingerprint}")
    public ResponseEntity<?> get(@PathVariable String fingerprint) {
        return snapshots.find(DriftScanController.canonicalFingerprint(fingerprint))
                .<ResponseEntity<?>>map(d -> ResponseEntity.ok(new SchemaLines(d.lines())))
                .orElseGet(() -> ProblemAdvice.respond(Problem.of(404, "Not found",
                        "no description is stored for this fingerprint", List.of())));
    }
}
