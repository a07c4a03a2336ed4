package dev.migrationledger.service.web;

import dev.migrationledger.ledger.api.AuthorizationRequest;
import dev.migrationledger.ledger.api.AuthorizationResult;
import dev.migrationledger.ledger.api.AuthorizeExecution;
import dev.migrationledger.ledger.api.BackupEvidence;
import dev.migrationledger.ledger.api.FactResult;
import dev.migrationledger.ledger.api.RecordExecutions;
import dev.migrationledger.ledger.api.RecordRollback;
import dev.migrationledger.ledger.api.ReportedReason;
import dev.migrationledger.ledger.api.VerifyBackup;
import dev.migrationledger.ledger.domain.CommandRejectedException;
import dev.migrationledger.ledger.domain.Reason;
import dev.migrationledger.ledger.domain.ReasonCode;
import dev.migrationledger.ledger.domain.Tool;
import dev.migrationledger.ledger.integrity.DsseEnvelope;
import dev.migrationledger.ledger.wire.AuthorizationResponse;
import dev.migrationledger.ledger.wire.BackupRequest;
import dev.migrationledger.ledger.wire.ExecutionsRequest;
import dev.migrationledger.ledger.wire.ExecutionsResponse.RecordedExecution;
import dev.migrationledger.ledger.wire.ExecutionsResponse;
import dev.migrationledger.service.config.LedgerProperties;
import dev.migrationledger.service.eventstore.LedgerIndex;
import dev.migrationledger.service.receipts.ReceiptIds;
import dev.migrationledger.service.receipts.SignedAuthorizations;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.*;

@RestController
@RequestMapping("/api/v1/projects/{project}/environments/{environment}")
public class EnvironmentController {

    /** {@code evidence} as the ledger recorded it, with fingerprintMatches judged against the last recorded schema. */
    public record BackupResponse(String backupId, String environment, BackupEvidence evidence, long lastIndex) {
    }

    public record RollbackRequest(String executionId, String version, String reason, Instant occurredAt, Tool tool) {
    }

    private final CommandGateway commands;
    private final LedgerIndex index;
    private final MeterRegistry meters;
    private final SignedAuthorizations signed;
    private final LedgerProperties properties;

    public EnvironmentController(CommandGateway commands, LedgerIndex index, MeterRegistry meters,
                                 SignedAuthorizations signed, LedgerProperties properties) {
        this.commands = commands;
        this.index = index;
        this.meters = meters;
        this.signed = signed;
        this.properties = properties;
    }

    @Operation(summary = "Record a verified backup of the environment (approver); backupId is the idempotency key")
    @PostMapping("/backups")
    public ResponseEntity<BackupResponse> backup(@PathVariable String project, @PathVariable String environment,
                                                 @RequestBody BackupRequest request, Authentication caller) {
        BackupEvidence evidence = commands.sendAndWait(new VerifyBackup(project, environment, request.backupId(),
                request.location(), request.takenAt(), request.retentionDays(),
                Boolean.TRUE.equals(request.restoreTested()), request.evidence(), caller.getName()));
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new BackupResponse(request.backupId(), environment, evidence, index.lastIndexOf(project)));
    }

    @Operation(summary = "Ask to apply versions, in order, each with the checksum of its file (ci): the authorized "
            + "prefix with its signed authorization, and the first denial with reasons; dryRun judges every version "
            + "and records nothing")
    @PostMapping("/authorizations")
    public AuthorizationResponse authorize(@PathVariable String project, @PathVariable String environment,
                                           @RequestBody AuthorizationRequest request,
                                           @RequestHeader(value = "Idempotency-Key", required = false) String key,
                                           Authentication caller) {
        String executionId = idempotencyKey(request.executionId(), key);
        AuthorizationResult result = commands.sendAndWait(new AuthorizeExecution(project, environment, executionId,
                request.versions(), request.checksums(), request.targetDigest(), properties.authorizationValidity(),
                Boolean.TRUE.equals(request.dryRun()), request.gitSha(), request.pipelineUrl(), caller.getName()));
        DsseEnvelope envelope = result.grant() == null ? null : signed.envelopeFor(result.grant());
        List<AuthorizationResponse.Denial> denied = result.denied().stream()
                .map(d -> new AuthorizationResponse.Denial(d.version(), reported(d.reasons()))).toList();
        return new AuthorizationResponse(result.executionId(), result.authorized(), denied, envelope,
                index.lastIndexOf(project));
    }

    @Operation(summary = "Record what happened: one fact or a batch of up to 1,000 (ci). Never refused for "
            + "breaking rules; violations are recorded with the fact. Same executionId and content: the first result.")
    @PostMapping("/executions")
    public ExecutionsResponse record(@PathVariable String project, @PathVariable String environment,
                                     @RequestBody ExecutionsRequest request, Authentication caller) {
        List<FactResult> results = commands.sendAndWait(new RecordExecutions(project, environment,
                request.facts(), caller.getName()));
        results.stream().filter(r -> !r.replayed()).forEach(r ->
                meters.counter("ledger.facts.recorded", "violations", r.violations().isEmpty() ? "none" : "some")
                        .increment());
        return new ExecutionsResponse(index.lastIndexOf(project),
                results.stream().map(r -> recorded(project, r)).toList());
    }

    @Operation(summary = "Record a physical rollback that happened (ci)")
    @PostMapping("/rollbacks")
    public ResponseEntity<RecordedExecution> rollback(@PathVariable String project, @PathVariable String environment,
                                                 @RequestBody RollbackRequest request, Authentication caller) {
        FactResult r = commands.sendAndWait(new RecordRollback(project, environment, request.version(),
                request.executionId(), request.reason(), request.occurredAt(), request.tool(), caller.getName()));
        return ResponseEntity.status(r.replayed() ? HttpStatus.OK : HttpStatus.CREATED).body(recorded(project, r));
    }

    private static RecordedExecution recorded(String project, FactResult r) {
        String receiptId = ReceiptIds.forFact(project, r.executionId());
        return new RecordedExecution(r.executionId(), r.version(), reported(r.violations()), r.replayed(), receiptId,
                "/api/v1/receipts/" + receiptId);
    }

    private static List<ReportedReason> reported(List<Reason> reasons) {
        return reasons.stream().map(ReportedReason::of).toList();
    }

    static String idempotencyKey(String inBody, String header) {
        if (inBody != null && header != null && !inBody.equals(header)) {
            throw new CommandRejectedException(ReasonCode.INVALID_INPUT.reason(
                    "executionId and the Idempotency-Key header differ; send one or make them equal", "executionId"));
        }
        return inBody != null ? inBody : header;
    }
}
