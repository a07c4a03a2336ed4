package dev.migrationledger.service.web;

import dev.migrationledger.ledger.api.ApprovalRequest;
import dev.migrationledger.ledger.api.ApproveMigration;
import dev.migrationledger.ledger.api.CorrectMigration;
import dev.migrationledger.ledger.api.CorrectionRequest;
import dev.migrationledger.ledger.api.MigrationDefinition;
import dev.migrationledger.ledger.api.PlanMigrations;
import dev.migrationledger.ledger.api.PlanOutcome;
import dev.migrationledger.ledger.api.PlanRequest;
import dev.migrationledger.ledger.api.PlanResponse;
import dev.migrationledger.ledger.api.RevokeApproval;
import dev.migrationledger.ledger.api.ScriptUpload;
import dev.migrationledger.ledger.api.ScriptUploadResponse;
import dev.migrationledger.ledger.api.StoreScript;
import dev.migrationledger.ledger.domain.Checksum;
import dev.migrationledger.ledger.domain.Version;
import dev.migrationledger.service.eventstore.LedgerIndex;
import dev.migrationledger.service.projection.scripts.ScriptQuery;
import io.swagger.v3.oas.annotations.Operation;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.*;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

@RestController
@RequestMapping("/api/v1/projects/{project}/migrations")
public class MigrationController {

    /** {@code scriptsWithoutText}: versions of this plan whose script text the ledger lacks (PUT …/{v}/script). */
    public record ApprovalResponse(String approvalId, String version, String checksum, String environment,
                                   String approver, long lastIndex) {
    }

    public record RevocationResponse(String approvalId, String version, boolean revoked, long lastIndex) {
    }

    public record CorrectionResponse(String version, String correctedBy, long lastIndex) {
    }

    private final CommandGateway commands;
    private final LedgerIndex index;
    private final ScriptQuery scripts;

    public MigrationController(CommandGateway commands, LedgerIndex index, ScriptQuery scripts) {
        this.commands = commands;
        this.index = index;
        this.scripts = scripts;
    }

    @Operation(summary = "Plan new migrations or replan changed ones (ci); author defaults to the caller")
    @PostMapping
    public PlanResponse plan(@PathVariable String project, @RequestBody PlanRequest request, Authentication caller) {
        List<PlanOutcome> outcomes = commands.sendAndWait(
                new PlanMigrations(project, request.migrations(), caller.getName()));
        List<MigrationDefinition> planned = request.migrations() == null ? List.of() : request.migrations();
        List<String> missing = scripts.withoutText(project, planned.stream()
                .map(m -> Checksum.parse(m.checksum()).hex()).toList());
        List<String> withoutText = planned.stream()
                .filter(m -> missing.contains(Checksum.parse(m.checksum()).hex()))
                .map(m -> key(m.version())).toList();
        return new PlanResponse(outcomes, withoutText, index.lastIndexOf(project));
    }

    @Operation(summary = "Store the text of a planned script with its lint findings (ci); the text must hash to the "
            + "planned checksum, and each checksum's text is stored once (stored: false when it was already)")
    @PutMapping("/{version}/script")
    public ResponseEntity<ScriptUploadResponse> storeScript(@PathVariable String project, @PathVariable String version,
                                                            @RequestBody ScriptUpload upload, Authentication caller) {
        boolean stored = commands.sendAndWait(new StoreScript(project, version,
                upload.text(), upload.findings(), caller.getName()));
        String checksum = Checksum.ofScript(upload.text().getBytes(StandardCharsets.UTF_8)).hex();
        return ResponseEntity.status(stored ? HttpStatus.CREATED : HttpStatus.OK)
                .body(new ScriptUploadResponse(key(version), checksum, stored, index.lastIndexOf(project)));
    }

    @Operation(summary = "Approve one checksum of a migration, for one environment or all (approver). "
            + "The Idempotency-Key header, if given, becomes the approval id.")
    @PostMapping("/{version}/approvals")
    public ResponseEntity<ApprovalResponse> approve(@PathVariable String project, @PathVariable String version,
                                                    @RequestBody ApprovalRequest request,
                                                    @RequestHeader(value = "Idempotency-Key", required = false) String key,
                                                    Authentication caller) {
        String approvalId = key != null ? key : UUID.randomUUID().toString();
        commands.sendAndWait(new ApproveMigration(project, version, approvalId, request.checksum(),
                request.environment(), request.comment(), caller.getName()));
        return ResponseEntity.status(HttpStatus.CREATED).body(new ApprovalResponse(approvalId, key(version),
                request.checksum(), request.environment(), caller.getName(), index.lastIndexOf(project)));
    }

    @Operation(summary = "Revoke an approval (approver)")
    @DeleteMapping("/{version}/approvals/{approvalId}")
    public RevocationResponse revoke(@PathVariable String project, @PathVariable String version,
                                     @PathVariable String approvalId,
                                     @RequestParam(value = "reason", required = false) String reason,
                                     Authentication caller) {
        commands.sendAndWait(new RevokeApproval(project, version, approvalId, reason, caller.getName()));
        return new RevocationResponse(approvalId, key(version), true, index.lastIndexOf(project));
    }

    @Operation(summary = "Supersede a failed migration by a newer corrective one, unblocking its environments")
    @PostMapping("/{version}/corrections")
    public ResponseEntity<CorrectionResponse> correct(@PathVariable String project, @PathVariable String version,
                                                      @RequestBody CorrectionRequest request, Authentication caller) {
        commands.sendAndWait(new CorrectMigration(project, version, request.correctedBy(), request.reason(),
                caller.getName()));
        return ResponseEntity.status(HttpStatus.CREATED).body(new CorrectionResponse(key(version),
                key(request.correctedBy()), index.lastIndexOf(project)));
    }

    private static String key(String version) {
        return Version.parse(version).key();
    }
}
