package dev.migrationledger.ledger.api;

import java.util.List;
import java.util.Map;

/**
 * Which OIDC ID tokens of one issuer the ledger admits, as whom, and where they may act (SPEC §10).
 * A token matches when its {@code iss} is {@code issuer} and every claim named in {@code match} has a
 * value the pattern accepts (exact, or a glob with {@code *} and {@code ?}). The identity it becomes is
 * {@code principal} with each {@code {claim}} replaced by the token's value, holding {@code roles}, and
 * it may act only on {@code projects} × {@code environments} (names or globs, {@code *} for all).
 * Validated and normalized by {@code IdentityRuleCheck}; matched by {@code IdentityRuleMatcher}.
 */
public record IdentityRule(String issuer, Map<String, String> match, String principal, List<String> roles,
                           List<String> projects, List<String> environments) {
}
