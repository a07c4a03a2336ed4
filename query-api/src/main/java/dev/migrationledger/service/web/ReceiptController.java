package dev.migrationledger.service.web;

import dev.migrationledger.ledger.domain.Version;
import dev.migrationledger.ledger.integrity.Receipt;
import dev.migrationledger.service.problem.Problem;
import dev.migrationledger.service.projection.ProcessorCommits;
import dev.migrationledger.service.receipts.ReceiptService;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Receipt files (SPEC §6.1): one per fact, by id, and on request for any migration in any environment. */
@RestController
public class ReceiptController {

    private static final MediaType RECEIPT = MediaType.parseMediaType(Receipt.MEDIA_TYPE);
    private static final Duration MAX_WAIT = Duration.ofSeconds(20);

    private final ReceiptService receipts;
    private final ProcessorCommits commits;

    public ReceiptController(ReceiptService receipts, ProcessorCommits commits) {
        this.receipts = receipts;
        this.commits = commits;
    }

    @Operation(summary = "The receipt of one fact (any role). Issued seconds after the fact; with ?minIndex= "
            + "(any value) waits up to 20 s for it instead of answering 404 at once")
    @GetMapping("/api/v1/receipts/{id}")
    public ResponseEntity<?> receipt(@PathVariable String id, @RequestParam(required = false) Long minIndex) {
        Optional<byte[]> body = receipts.stored(id);
        if (body.isEmpty() && minIndex != null
                && commits.await(() -> receipts.stored(id).isPresent(), MAX_WAIT)) {
            body = receipts.stored(id);
        }
        return body.<ResponseEntity<?>>map(ReceiptController::file).orElseGet(() -> ProblemAdvice.respond(Problem.of(404,
                "Receipt not issued yet", "receipt " + id + " is not issued (yet): a fact's receipt is issued with its leaf, "
                        + "within seconds of the fact; retry, or add ?minIndex= to wait",
                List.of())));
    }

    @Operation(summary = "A receipt for the newest fact of a migration in an environment, built now from the "
            + "stored events (any role); without a fact, a receipt of its plan and approvals")
    @GetMapping("/api/v1/projects/{project}/environments/{environment}/migrations/{version}/receipt")
    public ResponseEntity<?> forMigration(@PathVariable String project, @PathVariable String environment,
                                          @PathVariable String version) {
        try {
            return receipts.forMigration(project, environment, versionKey(version)).<ResponseEntity<?>>map(ReceiptController::file)
                    .orElseGet(() -> ProblemAdvice.respond(Problem.of(404, "Not found", "migration " + version
                            + " of project " + project + " was never planned or recorded", List.of())));
        } catch (ReceiptService.NotYetLogged e) {
            return ProblemAdvice.respond(Problem.of(404, "Receipt not issued yet", e.getMessage()
                    + "; the log follows the event store within seconds; retry", List.of()));
        }
    }

    /** Events carry the canonical version key ({@code 1_1} and {@code 1.1} are one version). */
    private static String versionKey(String version) {
        if (version.startsWith("R__")) {
            return version;
        }
        try {
            return Version.parse(version).key();
        } catch (IllegalArgumentException e) {
            return version;
        }
    }

    private static ResponseEntity<?> file(byte[] body) {
        return ResponseEntity.ok().contentType(RECEIPT)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"receipt.json\"").body(body);
    }
}
