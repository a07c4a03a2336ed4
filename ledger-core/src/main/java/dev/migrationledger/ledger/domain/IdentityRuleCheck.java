package dev.migrationledger.ledger.domain;

import dev.migrationledger.ledger.api.IdentityRule;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What makes an identity rule acceptable, with every problem at once. The checks that bound a stolen
 * job token live here: a rule names at least one claim with a literal value (an issuer such as GitHub's
 * signs tokens for every repository in the world), grants only {@code ci} or {@code auditor}, and names
 * the projects and environments it covers.
 */
public final class IdentityRuleCheck {

    /** A CI job reports and reads; approving is for people (R2) and administering is for admins. */
    public static final Set<String> WORKLOAD_ROLES = Set.of("ci", "auditor");
    /** Time and token-id claims say nothing about who the caller is; iss is the rule's issuer. */
    private static final Set<String> UNMATCHABLE = Set.of("iss", "exp", "nbf", "iat", "jti");
    private static final Pattern CLAIM = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,63}");
    /** A project or environment name (InputCheck's identifier) in which * and ? may stand for characters. */
    private static final Pattern NAME_PATTERN = Pattern.compile("[A-Za-z0-9*?][A-Za-z0-9._*?-]{0,63}");
    private static final int MAX_VALUE = 500;

    /** The rule with sorted claims and de-duplicated lists. */
    public IdentityRule normalize(IdentityRule rule) {
        if (rule == null) {
            throw new CommandRejectedException(ReasonCode.INVALID_INPUT.reason("an identity rule is required"));
        }
        InputCheck check = new InputCheck();
        issuer(check, rule.issuer());
        Map<String, String> match = match(check, rule.match());
        PrincipalTemplate.problems(rule.principal()).forEach(p -> check.invalid("principal", p));
        List<String> roles = list(check, "roles", rule.roles(), null);
        roles.stream().filter(r -> !WORKLOAD_ROLES.contains(r)).forEach(r -> check.invalid("roles",
                "roles lists ci and/or auditor, not " + r + ": a CI job never approves (approvals are by people) "
                        + "nor administers the ledger"));
        List<String> projects = list(check, "projects", rule.projects(), NAME_PATTERN);
        List<String> environments = list(check, "environments", rule.environments(), NAME_PATTERN);
        check.throwIfInvalid();
        return new IdentityRule(rule.issuer(), match, rule.principal(), roles, projects, environments);
    }

    private static void issuer(InputCheck check, String issuer) {
        if (issuer == null || issuer.isBlank()) {
            check.invalid("issuer", "issuer is required: the iss of the tokens, e.g. https://token.actions.githubusercontent.com");
            return;
        }
        try {
            URI uri = new URI(issuer);
            check.require(issuer.length() <= MAX_VALUE && uri.isAbsolute() && uri.getHost() != null
                    && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())), "issuer",
                    "issuer is an http(s) URL of at most " + MAX_VALUE + " characters, exactly as the tokens' iss");
        } catch (java.net.URISyntaxException e) {
            check.invalid("issuer", "issuer is not a URL: " + e.getReason());
        }
    }

    private static Map<String, String> match(InputCheck check, Map<String, String> match) {
        Map<String, String> sorted = new TreeMap<>();
        if (match == null || match.isEmpty()) {
            check.invalid("match", "match names at least one claim, e.g. {\"repository\":\"acme/billing\"}: "
                    + "the issuer signs tokens for others too");
            return sorted;
        }
        for (Map.Entry<String, String> entry : match.entrySet()) {
            String claim = entry.getKey();
            String value = entry.getValue();
            String field = "match." + claim;
            if (claim == null || !CLAIM.matcher(claim).matches()) {
                check.invalid("match", "a claim name is 1 to 64 letters, digits, '_', '.' or '-'");
            } else if (UNMATCHABLE.contains(claim)) {
                check.invalid(field, claim + " cannot be matched: it says nothing about who the caller is");
            } else if (value == null || value.isBlank() || value.length() > MAX_VALUE
                    || value.chars().anyMatch(Character::isISOControl)) {
                check.invalid(field, field + " is a value or glob of 1 to " + MAX_VALUE + " characters");
            } else if (new ClaimPattern(value).wildcardOnly()) {
                check.invalid(field, field + " matches any value; name the value (globs need a literal part)");
            } else {
                sorted.put(claim, value);
            }
        }
        return sorted;
    }

    private static List<String> list(InputCheck check, String field, List<String> values, Pattern pattern) {
        List<String> out = new ArrayList<>();
        if (values == null || values.isEmpty()) {
            check.invalid(field, field + " lists at least one name (* for all)");
            return out;
        }
        for (String value : new LinkedHashSet<>(values)) {
            if (value == null || value.isBlank()) {
                check.invalid(field, field + " has an empty entry");
            } else if (pattern != null && !pattern.matcher(value).matches()) {
                check.invalid(field, field + ": " + value.substring(0, Math.min(64, value.length()))
                        + " is not a name (letters, digits, '.', '_', '-') or a glob of one");
            } else {
                out.add(value);
            }
        }
        return out;
    }
}
