package dev.migrationledger.service.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The OIDC issuers whose ID tokens the service accepts beside bearer tokens ({@code ledger.oidc.*},
 * SPEC §10; docs/operations.md). No issuer configured: only bearer tokens work.
 *
 * @param issuers                 the trusted issuers, each with its JWKS and the audience tokens must name
 * @param clockSkew               tolerance for exp, nbf and iat against this host's clock
 * @param jwksCacheTtl            how long fetched keys are used before they are fetched again
 * @param jwksMinRefreshInterval  after a fetch, how long an unknown kid may trigger at most one more fetch
 *                                (a flood of invented kids must not turn the ledger against the issuer)
 * @param jwksTimeout             connect and read timeout of one JWKS fetch
 */
@ConfigurationProperties("ledger.oidc")
public record OidcProperties(List<Issuer> issuers,
                             @DefaultValue("PT30S") Duration clockSkew,
                             @DefaultValue("PT5M") Duration jwksCacheTtl,
                             @DefaultValue("PT30S") Duration jwksMinRefreshInterval,
                             @DefaultValue("PT5S") Duration jwksTimeout) {

    /** The audience the CLI asks for by default ({@code --oidc-audience}). */
    public static final String DEFAULT_AUDIENCE = "migration-ledger";

    /**
     * @param issuer   exactly the tokens' {@code iss}, e.g. https://token.actions.githubusercontent.com
     * @param jwksUri  where its signing keys are published, e.g. …/.well-known/jwks
     * @param audience what the tokens' {@code aud} must contain; distinct per ledger, so that a token
     *                 minted for one ledger is worthless at another
     */
    public record Issuer(String issuer, String jwksUri, @DefaultValue(DEFAULT_AUDIENCE) String audience) {
    }

    public OidcProperties {
        issuers = issuers == null ? List.of() : List.copyOf(issuers);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < issuers.size(); i++) {
            Issuer issuer = issuers.get(i);
            String at = "ledger.oidc.issuers[" + i + "]";
            if (issuer.issuer() == null || issuer.issuer().isBlank() || !seen.add(issuer.issuer())) {
                throw new IllegalArgumentException(at + ".issuer is required and names each issuer once");
            }
            if (!httpUrl(issuer.jwksUri())) {
                throw new IllegalArgumentException(at + ".jwks-uri is required: the http(s) URL of "
                        + issuer.issuer() + "'s JWKS");
            }
            if (issuer.audience() == null || issuer.audience().isBlank()) {
                throw new IllegalArgumentException(at + ".audience must not be blank");
            }
        }
        if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("ledger.oidc.clock-skew is between 0 and 5 minutes: a token's "
                    + "lifetime is minutes, a larger skew would keep expired tokens working");
        }
    }

    public boolean enabled() {
        return !issuers.isEmpty();
    }

    public boolean trusts(String issuer) {
        return issuers.stream().anyMatch(i -> i.issuer().equals(issuer));
    }

    private static boolean httpUrl(String value) {
        try {
            URI uri = value == null ? null : new URI(value);
            return uri != null && uri.isAbsolute() && uri.getHost() != null
                    && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
