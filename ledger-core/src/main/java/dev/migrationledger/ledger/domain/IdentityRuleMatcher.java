package dev.migrationledger.ledger.domain;

import dev.migrationledger.ledger.api.IdentityRule;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which identity a verified OIDC token becomes (SPEC §10): the first rule, in the order the rules were
 * defined, whose issuer is the token's and whose every claim pattern accepts the token's value, and whose
 * principal template renders. A token no rule matches has no identity, and is refused.
 */
public final class IdentityRuleMatcher {

    /** A rule as the registry holds it. */
    public record DefinedRule(String ruleId, IdentityRule rule) {
    }

    /**
     * The claims that say which job a token belongs to, under platform-neutral names: GitHub Actions
     * first, then GitLab CI's name for the same thing.
     */
    private static final Map<String, List<String>> PROVENANCE = provenance();

    private IdentityRuleMatcher() {
    }

    /** @param claims the verified token's claims (strings, numbers, booleans, lists of them; others never match) */
    public static Optional<WorkloadIdentity> firstMatch(List<DefinedRule> rules, Map<String, Object> claims) {
        String issuer = text(claims.get("iss")).orElse(null);
        for (DefinedRule defined : rules) {
            IdentityRule rule = defined.rule();
            if (!Objects.equals(rule.issuer(), issuer) || !matches(rule.match(), claims)) {
                continue;
            }
            Optional<String> principal = PrincipalTemplate.render(rule.principal(), name -> text(claims.get(name)));
            if (principal.isPresent()) {
                return Optional.of(new WorkloadIdentity(defined.ruleId(), issuer, text(claims.get("sub")).orElse(null),
                        principal.get(), rule.roles(), rule.projects(), rule.environments(), provenance(claims)));
            }
        }
        return Optional.empty();
    }

    private static boolean matches(Map<String, String> match, Map<String, Object> claims) {
        return match.entrySet().stream().allMatch(e -> {
            ClaimPattern pattern = new ClaimPattern(e.getValue());
            Object value = claims.get(e.getKey());
            if (value instanceof Collection<?> values) {
                // a list claim (aud, groups) matches when one of its members does
                return values.stream().map(IdentityRuleMatcher::text).flatMap(Optional::stream).anyMatch(pattern::matches);
            }
            return text(value).map(pattern::matches).orElse(false);
        });
    }

    static Map<String, String> provenance(Map<String, Object> claims) {
        Map<String, String> out = new LinkedHashMap<>();
        PROVENANCE.forEach((name, sources) -> sources.stream().map(claims::get).map(IdentityRuleMatcher::text)
                .flatMap(Optional::stream).findFirst().ifPresent(value -> out.put(name, value)));
        return out;
    }

    /** A claim as text: strings, numbers and booleans; nothing else (objects, lists, times) is text. */
    private static Optional<String> text(Object value) {
        if (value instanceof String s) {
            return Optional.of(s);
        }
        if (value instanceof Number || value instanceof Boolean) {
            return Optional.of(String.valueOf(value));
        }
        return Optional.empty();
    }

    private static Map<String, List<String>> provenance() {
        Map<String, List<String>> names = new LinkedHashMap<>();
        names.put("repository", List.of("repository", "project_path"));
        names.put("ref", List.of("ref"));
        names.put("sha", List.of("sha"));
        names.put("runId", List.of("run_id", "pipeline_id"));
        names.put("runAttempt", List.of("run_attempt"));
        names.put("workflow", List.of("workflow", "ci_config_ref_uri"));
        names.put("actor", List.of("actor", "user_login"));
        names.put("environment", List.of("environment"));
        return names;
    }
}
