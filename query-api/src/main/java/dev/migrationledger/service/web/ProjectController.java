package dev.migrationledger.service.web;

import dev.migrationledger.ledger.api.ChangeEnvironmentPolicy;
import dev.migrationledger.ledger.api.EnvironmentDefinition;
import dev.migrationledger.ledger.api.PolicyPatch;
import dev.migrationledger.ledger.api.RegisterProject;
import dev.migrationledger.ledger.domain.EnvironmentPolicy;
import dev.migrationledger.ledger.domain.InputCheck;
import dev.migrationledger.service.eventstore.LedgerIndex;
import io.swagger.v3.oas.annotations.Operation;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.*;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

@RestController
@RequestMapping("/api/v1/projects")
public class ProjectController {

    public record EnvironmentRequest(String name, PolicyPatch policy) {
    }

    public record ProjectRequest(String id, List<EnvironmentRequest> environments) {
    }

    public record ProjectRegisteredResponse(String id, List<EnvironmentDefinition> environments, long lastIndex) {
    }

    public record PolicyChangedResponse(String project, String environment, EnvironmentPolicy policy, long lastIndex) {
    }

    private final CommandGateway commands;
    private final LedgerIndex index;

    public ProjectController(CommandGateway commands, LedgerIndex index) {
        this.commands = commands;
        this.index = index;
    }

    @Operation(summary = "Register a project with its ordered environments and their policies (admin)")
    @PostMapping
    public ResponseEntity<ProjectRegisteredResponse> register(@RequestBody ProjectRequest request, Authentication caller) {
        List<EnvironmentRequest> envs = request.environments() == null ? List.of() : request.environments();
        List<EnvironmentDefinition> definitions = new ArrayList<>();
        for (int i = 0; i < envs.size(); i++) {
            EnvironmentRequest env = envs.get(i);
            if (env == null) {
                definitions.add(null);
                continue;
            }
            boolean last = i == envs.size() - 1;
            definitions.add(new EnvironmentDefinition(env.name(),
                    env.policy() == null ? EnvironmentPolicy.defaults(last) : env.policy().withDefaults(last)));
        }
        // The id is the aggregate identifier: the event store is queried with it before the aggregate can
        // judge it, and PostgreSQL refuses some strings (a NUL) outright. So it is checked first, here.
        new InputCheck().identifier("id", request.id()).throwIfInvalid();
        commands.sendAndWait(new RegisterProject(request.id(), definitions, caller.getName()));
        return ResponseEntity.created(URI.create("/api/v1/projects/" + request.id()))
                .body(new ProjectRegisteredResponse(request.id(), definitions, index.lastIndexOf(request.id())));
    }

    @Operation(summary = "Change an environment's policy; omitted fields keep their current value, "
            + "promoteFrom \"\" clears it (admin)")
    @PutMapping("/{project}/environments/{environment}/policy")
    public PolicyChangedResponse changePolicy(@PathVariable String project, @PathVariable String environment,
                                              @RequestBody PolicyPatch request, Authentication caller) {
        EnvironmentPolicy policy = commands.sendAndWait(
                new ChangeEnvironmentPolicy(project, environment, request, caller.getName()));
        return new PolicyChangedResponse(project, environment, policy, index.lastIndexOf(project));
    }
}
