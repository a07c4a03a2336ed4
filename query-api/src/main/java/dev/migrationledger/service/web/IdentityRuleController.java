package dev.migrationledger.service.web;

import dev.migrationledger.ledger.api.DefineIdentityRule;
import dev.migrationledger.ledger.api.IdentityRule;
import dev.migrationledger.ledger.api.RemoveIdentityRule;
import dev.migrationledger.ledger.domain.CommandRejectedException;
import dev.migrationledger.ledger.domain.InputCheck;
import dev.migrationledger.ledger.domain.ReasonCode;
import dev.migrationledger.service.security.IdentityRules;
import dev.migrationledger.service.security.OidcProperties;
import io.swagger.v3.oas.annotations.Operation;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.*;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Admin: which OIDC tokens become which identity, with which roles, where (SPEC §10). */
@RestController
@RequestMapping("/api/v1/identity-rules")
public class IdentityRuleController {

    public record IdentityRuleRequest(String issuer, Map<String, String> match, String principal, List<String> roles,
                                      List<String> projects, List<String> environments) {
    }

    private final CommandGateway commands;
    private final IdentityRules rules;
    private final OidcProperties oidc;

    public IdentityRuleController(CommandGateway commands, IdentityRules rules, OidcProperties oidc) {
        this.commands = commands;
        this.rules = rules;
        this.oidc = oidc;
    }

    @Operation(summary = "Define an identity rule: tokens of an issuer whose claims match become a principal "
            + "with roles, acting on the listed projects and environments only")
    @PostMapping
    public ResponseEntity<IdentityRules.Listed> define(@RequestBody IdentityRuleRequest request, Authentication caller,
                                                       @RequestHeader(value = "Idempotency-Key", required = false) String key) {
        if (request.issuer() != null && !oidc.trusts(request.issuer())) {
            throw new CommandRejectedException(ReasonCode.INVALID_INPUT.reason("no issuer " + request.issuer()
                    + " is configured; the service trusts " + oidc.issuers().stream().map(OidcProperties.Issuer::issuer).toList()
                    + " (ledger.oidc.issuers)", "issuer"));
        }
        new InputCheck().optionalKey("Idempotency-Key", key).throwIfInvalid();
        // R9: a repeated request with the same key names the same rule, and so records nothing twice
        String id = (key == null ? UUID.randomUUID()
                : UUID.nameUUIDFromBytes(("identity-rule:" + key).getBytes(StandardCharsets.UTF_8))).toString();
        commands.sendAndWait(new DefineIdentityRule(id, new IdentityRule(request.issuer(), request.match(),
                request.principal(), request.roles(), request.projects(), request.environments()), caller.getName()));
        IdentityRules.Listed defined = rules.find(id).orElseThrow();
        return ResponseEntity.created(URI.create("/api/v1/identity-rules/" + id)).body(defined);
    }

    @Operation(summary = "List the identity rules in force, in the order they are tried")
    @GetMapping
    public List<IdentityRules.Listed> list() {
        return rules.list();
    }

    @Operation(summary = "Remove an identity rule; the tokens it admitted are refused from the next request on")
    @DeleteMapping("/{id}")
    public ResponseEntity<Void> remove(@PathVariable String id, Authentication caller) {
        commands.sendAndWait(new RemoveIdentityRule(id, caller.getName()));
        return ResponseEntity.noContent().build();
    }
}
