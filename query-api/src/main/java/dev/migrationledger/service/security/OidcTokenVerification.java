package dev.migrationledger.service.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.JwtIssuerAuthenticationManagerResolver;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.stereotype.Component;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How an OIDC ID token is verified: Spring Security's resource server picks the issuer's decoder by
 * the token's {@code iss}; Nimbus checks the signature against the issuer's JWKS (fetched, cached,
 * fetched again on an unknown kid, at most twice per {@code jwks-min-refresh-interval}), with
 * asymmetric algorithms only; Spring's validators check iss, aud, exp, nbf and iat within the clock skew.
 */
@Component
public class OidcTokenVerification {

    /**
     * Only public-key signatures: an HMAC algorithm would let anyone who fetched the public JWKS forge
     * tokens with it as the secret, and {@code none} is no signature at all. (EdDSA would need Tink.)
     */
    static final Set<JWSAlgorithm> ASYMMETRIC = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512,
            JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);
    private static final int JWKS_SIZE_LIMIT = 512 * 1024;
    /** Three base64url parts: what is handed to the resource server; everything else is a bearer token. */
    private static final Pattern JWT_SHAPE = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

    private final OidcProperties properties;
    private final AuthenticationManagerResolver<HttpServletRequest> resolver;

    OidcTokenVerification(OidcProperties properties, IdentityRuleAuthenticator authenticator) {
        this.properties = properties;
        Map<String, AuthenticationManager> managers = new HashMap<>();
        for (OidcProperties.Issuer issuer : properties.issuers()) {
            JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder(issuer));
            provider.setJwtAuthenticationConverter(authenticator);
            managers.put(issuer.issuer(), provider::authenticate);
        }
        this.resolver = new JwtIssuerAuthenticationManagerResolver(managers::get);
    }

    public boolean enabled() {
        return properties.enabled();
    }

    public AuthenticationManagerResolver<HttpServletRequest> authenticationManagerResolver() {
        return resolver;
    }

    /** JWT-shaped bearer values go to the resource server; {@code mlt_} tokens and the rest to BearerTokenFilter. */
    public BearerTokenResolver bearerTokenResolver() {
        return request -> {
            String header = request.getHeader("Authorization");
            if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return null;
            }
            String token = header.substring(7).strip();
            return JWT_SHAPE.matcher(token).matches() ? token : null;
        };
    }

    private NimbusJwtDecoder decoder(OidcProperties.Issuer issuer) {
        int timeout = (int) properties.jwksTimeout().toMillis();
        JWKSource<SecurityContext> keys = JWKSourceBuilder
                .create(url(issuer.jwksUri()), new DefaultResourceRetriever(timeout, timeout, JWKS_SIZE_LIMIT))
                .cache(properties.jwksCacheTtl().toMillis(), timeout)
                .refreshAheadCache(false)
                .rateLimited(properties.jwksMinRefreshInterval().toMillis())
                .retrying(true)
                // the issuer away: keep verifying with the keys it last published rather than refuse every job
                .outageTolerant(true)
                .build();
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ASYMMETRIC, keys));
        // the claims are Spring's validators' job (below), with one clock skew for all of them
        processor.setJWTClaimsSetVerifier((claims, context) -> {
        });
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        decoder.setJwtValidator(validators(issuer, properties.clockSkew(), Clock.systemUTC()));
        return decoder;
    }

    static OAuth2TokenValidator<Jwt> validators(OidcProperties.Issuer issuer, Duration skew, Clock clock) {
        JwtTimestampValidator times = new JwtTimestampValidator(skew);
        times.setClock(clock);
        List<OAuth2TokenValidator<Jwt>> all = List.of(
                new JwtIssuerValidator(issuer.issuer()),
                new JwtClaimValidator<Collection<String>>(JwtClaimNames.AUD,
                        aud -> aud != null && aud.contains(issuer.audience())),
                // JwtTimestampValidator lets a token without exp live for ever
                new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull),
                new JwtClaimValidator<Instant>(JwtClaimNames.IAT,
                        iat -> iat != null && !iat.isAfter(clock.instant().plus(skew))),
                times);
        return new DelegatingOAuth2TokenValidator<>(all);
    }

    private static URL url(String value) {
        try {
            return URI.create(value).toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("ledger.oidc jwks-uri " + value + " is not a URL", e);
        }
    }
}
