package dev.migrationledger.service.web;

import dev.migrationledger.service.security.ApiToken;
import dev.migrationledger.service.security.ApiTokenService;
import dev.migrationledger.service.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.*;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@RestController
@RequestMapping("/api/v1/tokens")
public class TokenController {

    public record TokenRequest(String principal, List<Role> roles) {
    }

    public record CreatedToken(UUID id, String principal, List<Role> roles, Instant createdAt, String token) {
    }

    private final ApiTokenService tokens;

    public TokenController(ApiTokenService tokens) {
        this.tokens = tokens;
    }

    @Operation(summary = "Create a token for a principal with roles; the token is shown once, in this response")
    @PostMapping
    public ResponseEntity<CreatedToken> create(@RequestBody TokenRequest request, Authentication caller) {
        ApiTokenService.IssuedToken issued = tokens.issue(request.principal(), request.roles(), caller.getName());
        ApiToken t = issued.token();
        return ResponseEntity.created(URI.create("/api/v1/tokens/" + t.id()))
                .body(new CreatedToken(t.id(), t.principal(), t.roles(), t.createdAt(), issued.secret()));
    }

    @Operation(summary = "List tokens (never their secrets)")
    @GetMapping
    public List<ApiToken> list() {
        return tokens.list();
    }

    @Operation(summary = "Revoke a token; it stops working at once")
    @DeleteMapping("/{id}")
    public ResponseEntity<Void> revoke(@PathVariable UUID id) {
        if (tokens.find(id).isEmpty()) {
            throw new dev.migrationledger.ledger.domain.CommandRejectedException(
                    dev.migrationledger.ledger.domain.ReasonCode.INVALID_INPUT.reason("no token " + id, "id"));
        }
        tokens.revoke(id);
        return ResponseEntity.noContent().build();
    }
}
