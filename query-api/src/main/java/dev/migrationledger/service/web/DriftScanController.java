package dev.migrationledger.service.web;

import dev.migrationledger.ledger.api.DriftScanResult;
import dev.migrationledger.ledger.api.RecordBaseline;
import dev.migrationledger.ledger.api.RecordDriftScan;
import dev.migrationledger.ledger.domain.Checksum;
import dev.migrationledger.ledger.domain.InputCheck;
import dev.migrationledger.ledger.wire.BaselineRequest;
import dev.migrationledger.ledger.wire.BaselineResponse;
import dev.migrationledger.ledger.wire.DriftScanRequest;
import dev.migrationledger.ledger.wire.DriftScanResponse;
import dev.migrationledger.service.eventstore.LedgerIndex;
import dev.migrationledger.service.schema.ExpectedSchema;
import dev.migrationledger.service.schema.SchemaDescription;
import dev.migrationledger.service.schema.SchemaSnapshots;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.*;

/** What CI learns from the real database: drift scans and imported history (baselines). */
@RestController
@RequestMapping("/api/v1/projects/{project}/environments/{environment}")
public class DriftScanController {

    private final CommandGateway commands;
    private final LedgerIndex index;
    private final SchemaSnapshots snapshots;
    private final ExpectedSchema expected;

    DriftScanController(CommandGateway commands, LedgerIndex index, SchemaSnapshots snapshots, ExpectedSchema expected) {
        this.commands = commands;
        this.index = index;
        this.snapshots = snapshots;
        this.expected = expected;
    }

    @Operation(summary = "Record a scan of the real database (ci): history rows and the live schema fingerprint "
            + "(with its canonical description, to name changed objects) → every finding and what it resolved")
    @PostMapping("/drift-scans")
    public DriftScanResponse scan(@PathVariable String project, @PathVariable String environment,
                                  @RequestBody DriftScanRequest request, Authentication caller) {
        List<String> differences = List.of();
        if (request.schemaDescription() != null) {
            SchemaDescription live = SchemaDescription.verified(request.schemaFingerprint(),
                    request.schemaDescription(), "schemaDescription");
            snapshots.store(live, caller.getName());
            differences = differencesFromExpected(project, environment, live);
        } else if (request.schemaFingerprint() != null) {
            new InputCheck().checksum("schemaFingerprint", request.schemaFingerprint()).throwIfInvalid();
        }
        DriftScanResult result = commands.sendAndWait(new RecordDriftScan(project, environment, request.scanId(),
                request.history(), request.schemaFingerprint(), differences, caller.getName(), request.tool()));
        return new DriftScanResponse(result.scanId(), result.findings(), result.resolved(), result.replayed(),
                index.lastIndexOf(project));
    }

    /**
     * The objects a hand-made change touched, when the description the last apply left is known
     * (sent with a scan or by PUT /schema-snapshots). An apply racing this scan may move the
     * expectation; the aggregate then judges by its own state, and the next scan names the objects.
     */
    private List<String> differencesFromExpected(String project, String environment, SchemaDescription live) {
        return expected.fingerprint(project, environment)
                .filter(fingerprint -> !fingerprint.equals(live.fingerprint()))
                .flatMap(snapshots::find)
                .map(before -> before.differencesTo(live))
                .orElse(List.of());
    }

    @Operation(summary = "Import another tool's history as already applied (ci) → how many entries were new")
    @PostMapping("/baselines")
    public BaselineResponse baseline(@PathVariable String project, @PathVariable String environment,
                                     @RequestBody BaselineRequest request, Authentication caller) {
        new InputCheck().require(request.tool() != null, "tool",
                "tool names the history's source: flyway, liquibase, alembic, prisma or other").throwIfInvalid();
        List<RecordBaseline.BaselineEntry> entries = request.entries() == null ? null : request.entries().stream()
                .map(e -> e == null ? null : new RecordBaseline.BaselineEntry(e.version(), e.description(),
                        e.checksum() == null ? null : e.checksum(), e.installedAt(), e.installedBy(),
                        !Boolean.FALSE.equals(e.success()), request.tool(), e.sourceId(), e.change()))
                .toList();
        int recorded = commands.sendAndWait(new RecordBaseline(project, environment, entries, caller.getName()));
        return new BaselineResponse(recorded, index.lastIndexOf(project));
    }

    static String canonicalFingerprint(String fingerprint) {
        return Checksum.parse(fingerprint).hex();
    }
}
