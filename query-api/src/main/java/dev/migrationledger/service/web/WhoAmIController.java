package dev.migrationledger.service.web;

import dev.migrationledger.service.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The token's own principal and roles. The dashboard needs them to list what awaits this approver and to
 * offer only the actions the roles allow; the server still judges every action.
 */
@RestController
public class WhoAmIController {

    public record WhoAmI(String principal, List<Role> roles) {
    }

    @GetMapping("/api/v1/whoami")
    @Operation(summary = "The principal the token acts as and its roles")
    public WhoAmI whoami(Authentication caller) {
        Set<String> held = caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .collect(Collectors.toSet());
        return new WhoAmI(caller.getName(),
                Arrays.stream(Role.values()).filter(r -> held.contains(r.authority())).toList());
    }
}
