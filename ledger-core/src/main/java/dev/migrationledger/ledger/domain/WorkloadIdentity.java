package dev.migrationledger.ledger.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A CI job as the ledger knows it after an identity rule admitted its OIDC token: the principal it is
 * recorded as, its roles, where it may act, and where it came from ({@code provenance}: repository, ref,
 * commit, run… as the platform signed them, never as the caller typed them).
 *
 * @param projects     names or globs of the projects it may act on
 * @param environments names or globs of the environments it may act on
 * @param provenance   the claims that say which job this was, under platform-neutral names
 */
public record WorkloadIdentity(String ruleId, String issuer, String subject, String principal, List<String> roles,
                               List<String> projects, List<String> environments, Map<String, String> provenance) {

    /** Prefix of the event metadata keys that carry {@link #metadata()}. */
    public static final String METADATA_PREFIX = "identity.";
    /** Every metadata key an identity can put on an event. */
    public static final List<String> METADATA_KEYS = List.of("identity.rule", "identity.issuer", "identity.subject",
            "identity.repository", "identity.ref", "identity.sha", "identity.runId", "identity.runAttempt",
            "identity.workflow", "identity.actor", "identity.environment");

    public WorkloadIdentity {
        roles = List.copyOf(roles);
        projects = List.copyOf(projects);
        environments = List.copyOf(environments);
        provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
    }

    /**
     * Why this identity may not act on {@code project} (and {@code environment}, when the request names
     * one), or empty when its rule covers them.
     */
    public Optional<Reason> outOfScope(String project, String environment) {
        boolean projectOk = project == null || covers(projects, project);
        boolean environmentOk = environment == null || covers(environments, environment);
        if (projectOk && environmentOk) {
            return Optional.empty();
        }
        String asked = project == null ? "environment " + environment
                : environment == null ? "project " + project : project + "/" + environment;
        return Optional.of(ReasonCode.OUT_OF_SCOPE.reason(principal + " may act on projects " + projects
                + " and environments " + environments + " (identity rule " + ruleId + "), not on " + asked,
                projectOk ? "environment" : "project"));
    }

    /** The rule, issuer, subject and provenance as event metadata, under {@link #METADATA_KEYS}. */
    public Map<String, String> metadata() {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("identity.rule", ruleId);
        metadata.put("identity.issuer", issuer);
        if (subject != null) {
            metadata.put("identity.subject", subject);
        }
        provenance.forEach((name, value) -> metadata.put(METADATA_PREFIX + name, value));
        return metadata;
    }

    private static boolean covers(List<String> patterns, String name) {
        return patterns.stream().anyMatch(p -> new ClaimPattern(p).matches(name));
    }
}
