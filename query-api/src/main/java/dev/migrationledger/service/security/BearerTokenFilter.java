package dev.migrationledger.service.security;

import dev.migrationledger.service.config.DatabaseOutage;
import dev.migrationledger.service.problem.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;

/**
 * Turns {@code Authorization: Bearer <token>} into the request's principal. A request without the
 * header goes on anonymous (the access rules answer 401 where a token is needed); a header with an
 * unknown or revoked token is answered 401 at once. JWT-shaped values are the OIDC filter's, which
 * runs first; what it accepted is left alone here.
 */
public class BearerTokenFilter extends OncePerRequestFilter {

    private final ApiTokenService tokens;
    private final ProblemWriter problems;

    public BearerTokenFilter(ApiTokenService tokens, ProblemWriter problems) {
        this.tokens = tokens;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        // already authenticated: an OIDC ID token the resource server accepted
        if (header == null || header.isBlank() || SecurityContextHolder.getContext().getAuthentication() != null) {
            chain.doFilter(request, response);
            return;
        }
        Optional<ApiToken> token;
        try {
            token = header.regionMatches(true, 0, "Bearer ", 0, 7)
                    ? tokens.authenticate(header.substring(7).strip()) : Optional.empty();
        } catch (RuntimeException e) {
            // outside MVC no advice runs: without this, a lost connection would be the container's 500 page
            if (!DatabaseOutage.causedBy(e)) {
                throw e;
            }
            problems.unavailable(request, response, "the ledger's database is unavailable; nothing was done; retry");
            return;
        }
        if (token.isEmpty()) {
            problems.unauthorized(request, response, "the bearer token is unknown, revoked or malformed");
            return;
        }
        ApiToken t = token.get();
        var authentication = new UsernamePasswordAuthenticationToken(t.principal(), null,
                t.roles().stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList());
        authentication.setDetails(t.id());
        SecurityContextHolder.getContext().setAuthentication(authentication);
        chain.doFilter(request, response);
    }
}
