package dev.migrationledger.service.security;

import dev.migrationledger.service.problem.ProblemWriter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Who may call what (SPEC §7), in one place. Writes need the role that owns them; every read of the
 * API needs a valid token of any role, so CI can fetch receipts as pipeline artifacts. A caller is a
 * bearer token ({@link BearerTokenFilter}) or, with {@code ledger.oidc.issuers} configured, an OIDC ID
 * token an identity rule admits (Spring's resource server, {@link OidcTokenVerification}); the latter
 * acts only inside its rule's projects and environments ({@link WorkloadScopeFilter}).
 */
@Configuration
public class SecurityConfig {

    private static final String CI = "CI";
    private static final String APPROVER = "APPROVER";
    private static final String AUDITOR = "AUDITOR";
    private static final String ADMIN = "ADMIN";

    @Bean
    public SecurityFilterChain api(HttpSecurity http, ApiTokenService tokens, ProblemWriter problems,
                                   OidcTokenVerification oidc) throws Exception {
        if (oidc.enabled()) {
            BearerTokenAuthenticationFilter jwt = new BearerTokenAuthenticationFilter(oidc.authenticationManagerResolver());
            OidcTokenProblems refusals = new OidcTokenProblems(problems);
            jwt.setBearerTokenResolver(oidc.bearerTokenResolver());
            jwt.setAuthenticationEntryPoint(refusals);
            // Spring's default rethrows AuthenticationServiceException: an unreachable JWKS would be a 500
            jwt.setAuthenticationFailureHandler(refusals);
            http.addFilterAt(jwt, BearerTokenAuthenticationFilter.class);
        }
        http.csrf(c -> c.disable())
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .requestCache(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new BearerTokenFilter(tokens, problems), AnonymousAuthenticationFilter.class)
                .addFilterAfter(new WorkloadScopeFilter(problems), AnonymousAuthenticationFilter.class)
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> problems.unauthorized(req, res,
                                "this endpoint needs a bearer token: Authorization: Bearer <token>"))
                        .accessDeniedHandler((req, res, ex) -> problems.forbidden(req, res,
                                "the token's roles do not allow " + req.getMethod() + " " + req.getRequestURI())))
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/", "/index.html", "/dashboard/**", "/favicon.ico", "/error").permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus",
                                "/actuator/info").permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**").permitAll()
                        .requestMatchers("/api/v1/tokens", "/api/v1/tokens/**").hasRole(ADMIN)
                        .requestMatchers("/api/v1/identity-rules", "/api/v1/identity-rules/**").hasRole(ADMIN)
                        // webhook URLs and delivery bodies are an admin's business, reading them included
                        .requestMatchers("/api/v1/projects/*/webhooks", "/api/v1/projects/*/webhooks/**").hasRole(ADMIN)
                        .requestMatchers(HttpMethod.POST, "/api/v1/projects").hasRole(ADMIN)
                        .requestMatchers(HttpMethod.PUT, "/api/v1/projects/*/environments/*/policy").hasRole(ADMIN)
                        .requestMatchers(HttpMethod.POST, "/api/v1/projects/*/migrations").hasRole(CI)
                        .requestMatchers(HttpMethod.PUT, "/api/v1/projects/*/migrations/*/script").hasRole(CI)
                        .requestMatchers(HttpMethod.POST, "/api/v1/projects/*/migrations/*/approvals").hasRole(APPROVER)
                        .requestMatchers(HttpMethod.POST, "/api/v1/projects/*/reviews/*").hasRole(APPROVER)
                        .requestMatchers(HttpMethod.DELETE, "/api/v1/projects/*/migrations/*/approvals/*").hasRole(APPROVER)
                        .requestMatchers(HttpMethod.POST, "/api/v1/projects/*/migrations/*/corrections").hasAnyRole(CI, APPROVER)
                        .requestMatchers(HttpMethod.POST, "/api/v1/projects/*/environments/*/backups").hasRole(APPROVER)
                        .requestMatchers(HttpMethod.POST, "/api/v1/projects/*/environments/*/authorizations",
                                "/api/v1/projects/*/environments/*/executions",
                                "/api/v1/projects/*/environments/*/rollbacks",
                                "/api/v1/projects/*/environments/*/baselines",
                                "/api/v1/projects/*/environments/*/drift-scans").hasRole(CI)
                        .requestMatchers(HttpMethod.PUT, "/api/v1/schema-snapshots/*").hasRole(CI)
                        .requestMatchers(HttpMethod.POST, "/api/v1/keys/**", "/api/v1/projections/**").hasRole(ADMIN)
                        .requestMatchers(HttpMethod.POST, "/api/v1/log/checkpoint").hasAnyRole(AUDITOR, ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/v1/**").authenticated()
                        .anyRequest().denyAll());
        return http.build();
    }

    /** No user store: tokens are the only credentials. This bean keeps Boot from generating a password. */
    @Bean
    public UserDetailsService noUsers() {
        return new InMemoryUserDetailsManager();
    }
}
