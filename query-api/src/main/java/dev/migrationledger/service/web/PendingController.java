package dev.migrationledger.service.web;

import dev.migrationledger.ledger.api.AssessPending;
import dev.migrationledger.ledger.api.PendingMigration;
import dev.migrationledger.service.eventstore.LedgerIndex;
import io.swagger.v3.oas.annotations.Operation;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * What awaits approval, backup, promotion or order. Answered by the project aggregate with the rules that judge
 * authorizations, not by a read model: the list and the gate must never disagree, and they read the same state.
 */
@RestController
public class PendingController {

    public record PendingResponse(String project, String environment, List<PendingMigration> pending, long lastIndex) {
    }

    private final CommandGateway commands;
    private final LedgerIndex index;

    PendingController(CommandGateway commands, LedgerIndex index) {
        this.commands = commands;
        this.index = index;
    }

    @GetMapping("/api/v1/projects/{project}/pending")
    @Operation(summary = "Per version and environment, what still blocks it: the reasons an authorization would be "
            + "denied with now, and approvals n of m")
    public PendingResponse pending(@PathVariable String project,
                                   @RequestParam(required = false) String environment) {
        long lastIndex = index.lastIndexOf(project);
        List<PendingMigration> pending = commands.sendAndWait(new AssessPending(project, environment));
        return new PendingResponse(project, environment, pending, lastIndex);
    }
}
