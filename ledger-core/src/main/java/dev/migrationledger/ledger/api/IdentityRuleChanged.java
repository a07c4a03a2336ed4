package dev.migrationledger.ledger.api;

import java.time.Instant;

/**
 * An identity rule was defined or removed (SPEC §4, §10). Like {@link KeyRotated} it belongs to the
 * ledger, not to a project ({@code project} is {@link KeyRotated#LOG_SCOPE}); a removal carries the rule
 * as it was, so the log alone tells which tokens were admitted, as whom, and when.
 */
public record IdentityRuleChanged(String project, String ruleId, Change change, IdentityRule rule,
                                  Instant occurredAt, Instant recordedAt, String actor) implements LedgerEvent {

    /** The aggregate that holds every rule; not a project id, which cannot start with an underscore. */
    public static final String REGISTRY = "_identity-rules";

    public enum Change {
        DEFINED,
        REMOVED
    }
}
