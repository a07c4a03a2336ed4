package dev.migrationledger.service.security;

import dev.migrationledger.ledger.domain.IdentityRuleMatcher;
import dev.migrationledger.ledger.domain.WorkloadIdentity;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Turns a verified ID token into the identity its first matching rule names. A token no rule admits is
 * refused, however well signed: the issuer (GitHub, GitLab) signs tokens for every job it runs.
 */
@Component
public class IdentityRuleAuthenticator implements Converter<Jwt, AbstractAuthenticationToken> {

    private final IdentityRules rules;

    IdentityRuleAuthenticator(IdentityRules rules) {
        this.rules = rules;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Optional<WorkloadIdentity> identity;
        try {
            identity = IdentityRuleMatcher.firstMatch(rules.forIssuer(jwt.getClaimAsString("iss")), jwt.getClaims());
        } catch (RuntimeException e) {
            // the filter only answers authentication exceptions; a lost database must become a 503, not a 500
            throw new AuthenticationServiceException("the identity rules could not be read", e);
        }
        return identity.map(WorkloadAuthentication::new).orElseThrow(() -> new InvalidBearerTokenException(
                "no identity rule admits this token (iss " + jwt.getClaimAsString("iss") + ", sub "
                        + jwt.getSubject() + "); an admin adds one with POST /api/v1/identity-rules"));
    }
}
