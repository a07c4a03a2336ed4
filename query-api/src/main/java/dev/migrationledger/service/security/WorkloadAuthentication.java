package dev.migrationledger.service.security;

import dev.migrationledger.ledger.domain.WorkloadIdentity;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A request authenticated by an OIDC ID token an identity rule admitted. Its name is the mapped
 * principal (the recorded actor); the roles are the rule's; the identity bounds where it may act.
 */
public final class WorkloadAuthentication extends AbstractAuthenticationToken {

    private final transient WorkloadIdentity identity;

    public WorkloadAuthentication(WorkloadIdentity identity) {
        super(identity.roles().stream().map(r -> new SimpleGrantedAuthority(Role.fromWire(r).authority())).toList());
        this.identity = identity;
        setDetails(identity.ruleId());
        setAuthenticated(true);
    }

    public WorkloadIdentity identity() {
        return identity;
    }

    @Override
    public Object getCredentials() {
        // the token itself is not kept: nothing downstream needs it, and it must not reach a log
        return null;
    }

    @Override
    public Object getPrincipal() {
        return identity.principal();
    }
}
