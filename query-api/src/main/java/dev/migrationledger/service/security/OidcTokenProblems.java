package dev.migrationledger.service.security;

import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import dev.migrationledger.service.problem.Problem;
import dev.migrationledger.service.problem.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

import java.io.IOException;
import java.util.List;

/**
 * Answers a refused OIDC token: 401 with what was wrong with it (the caller can act on that: a wrong
 * audience, an expired token, no rule), or 503 when the ledger could not judge it (the issuer's keys or
 * the identity rules unreadable) — then the CLI retries, as for any outage.
 */
final class OidcTokenProblems implements AuthenticationEntryPoint, AuthenticationFailureHandler {

    private static final Logger log = LoggerFactory.getLogger(OidcTokenProblems.class);

    private final ProblemWriter problems;

    OidcTokenProblems(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException exception) throws IOException {
        commence(request, response, exception);
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        if (exception instanceof AuthenticationServiceException && !causedBy(exception, RateLimitReachedException.class)) {
            log.warn("could not judge an OIDC token: {}", exception.getMessage());
            problems.unavailable(request, response, "the OIDC token could not be checked now (the issuer's keys or the "
                    + "identity rules could not be read); nothing was done; retry");
            return;
        }
        response.setHeader("WWW-Authenticate", "Bearer realm=\"migration-ledger\", error=\"invalid_token\"");
        problems.write(request, response, Problem.of(401, "Unauthorized", "the OIDC ID token was refused: " + reason(exception),
                List.of()));
    }

    private static String reason(AuthenticationException exception) {
        if (causedBy(exception, RateLimitReachedException.class)) {
            // the keys were fetched moments ago and did not have this kid: an invented kid, most likely
            return "no key of the issuer has the token's kid";
        }
        String message = exception.getMessage() == null ? "" : exception.getMessage();
        if ("Invalid issuer".equals(message)) {
            return "its iss is not an issuer this ledger trusts (ledger.oidc.issuers)";
        }
        return message.replace("An error occurred while attempting to decode the Jwt: ", "");
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
