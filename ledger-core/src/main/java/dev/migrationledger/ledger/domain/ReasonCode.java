package dev.migrationledger.ledger.domain;

/**
 * One vocabulary for rejections (problem responses) and violations (on recorded facts, in receipts
 * and reports). Each code names the rule of SPEC §5 it comes from and what the user can do about it.
 */
public enum ReasonCode {
    SELF_APPROVAL("R2", "the migration's author cannot approve it; ask another principal"),
    DUPLICATE_APPROVER("R2", "this principal already approved this checksum; approvals count distinct principals"),
    CHECKSUM_PINNED("R1", "the migration succeeded somewhere, so its checksum can no longer change; write a new migration"),
    CHECKSUM_MISMATCH("R1", "the checksum differs from the planned one"),
    CHECKSUM_NOT_PLANNED("R1", "the file to run is not the planned (and approved) checksum: it changed since it was "
            + "planned; run ledger plan, and have the new checksum approved where approvals are required"),
    NO_APPROVAL("R2", "not enough distinct approvals of the planned checksum for this environment"),
    NO_BACKUP("R3", "a verified backup of this environment, recorded after its last applied migration, is required"),
    OUT_OF_ORDER("R4", "lower planned versions must be applied first (or enable outOfOrder for the environment)"),
    NOT_PROMOTED("R5", "the same checksum must first be applied successfully in the promotion source environment"),
    BLOCKED_BY_FAILURE("R6", "a failed migration blocks this environment until it succeeds on retry or is corrected"),
    FROZEN("R10", "the environment is frozen and authorizes nothing"),
    CONTRACT_BEFORE_EXPAND("R7", "a CONTRACT migration needs its expand migration applied by an earlier execution"),
    UNPLANNED("R8", "the version was never planned"),
    UNAUTHORIZED("R8", "the execution was not authorized beforehand"),
    UNKNOWN_PROJECT(null, "no project with this id is registered"),
    UNKNOWN_ENVIRONMENT(null, "the project has no environment with this name"),
    UNKNOWN_MIGRATION(null, "no migration with this version is planned in the project"),
    IDEMPOTENCY_CONFLICT("R9", "this idempotency key was used before with other content; use a new key"),
    INVALID_INPUT(null, "the request is malformed"),
    /** SPEC §10: a workload (OIDC) identity named a project or environment its identity rule does not list. */
    OUT_OF_SCOPE(null, "this identity's rule does not cover the project or environment; an admin widens the "
            + "identity rule (POST /identity-rules), or the job uses an identity meant for it"),
    REVIEW_OVERDUE(null, "an emergency change was not reviewed within the policy's reviewWithin; an approver other "
            + "than the fact's actor reviews it (ledger review)");

    private final String rule;
    private final String advice;

    ReasonCode(String rule, String advice) {
        this.rule = rule;
        this.advice = advice;
    }

    /** The SPEC §5 rule (R1…R10) this code enforces, or null for input errors. */
    public String rule() {
        return rule;
    }

    public String advice() {
        return advice;
    }

    public Reason reason(String message) {
        return new Reason(this, message, null);
    }

    public Reason reason(String message, String field) {
        return new Reason(this, message, field);
    }
}
