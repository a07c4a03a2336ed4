package dev.migrationledger.ledger.domain;

/**
 * One vocabulary for rejections (problem responses) and violations (on recorded facts, in receipts
 * and reports). Each code names the rule of SPEC §5 it comes from and what the user can do about it.
 */
public enum ReasonCode {
    SELF_APPROVAL(Category.POLICY, "R2", "the migration's author cannot approve it; ask another principal"),
    DUPLICATE_APPROVER(Category.POLICY, "R2",
            "this principal already approved this checksum; approvals count distinct principals"),
    CHECKSUM_PINNED(Category.POLICY, "R1",
            "the migration succeeded somewhere, so its checksum can no longer change; write a new migration"),
    CHECKSUM_MISMATCH(Category.POLICY, "R1", "the checksum differs from the planned one"),
    CHECKSUM_NOT_PLANNED(Category.POLICY, "R1",
            "the file to run is not the planned (and approved) checksum: it changed since it was "
            + "planned; run ledger plan, and have the new checksum approved where approvals are required"),
    NO_APPROVAL(Category.POLICY, "R2", "not enough distinct approvals of the planned checksum for this environment"),
    NO_BACKUP(Category.POLICY, "R3",
            "a verified backup of this environment, recorded after its last applied migration, is required"),
    OUT_OF_ORDER(Category.POLICY, "R4",
            "lower planned versions must be applied first (or enable outOfOrder for the environment)"),
    NOT_PROMOTED(Category.POLICY, "R5",
            "the same checksum must first be applied successfully in the promotion source environment"),
    BLOCKED_BY_FAILURE(Category.POLICY, "R6",
            "a failed migration blocks this environment until it succeeds on retry or is corrected"),
    FROZEN(Category.POLICY, "R10", "the environment is frozen and authorizes nothing"),
    CONTRACT_BEFORE_EXPAND(Category.POLICY, "R7",
            "a CONTRACT migration needs its expand migration applied by an earlier execution"),
    UNPLANNED(Category.POLICY, "R8", "the version was never planned"),
    UNAUTHORIZED(Category.POLICY, "R8", "the execution was not authorized beforehand"),
    UNKNOWN_PROJECT(Category.NOT_FOUND, null, "no project with this id is registered"),
    UNKNOWN_ENVIRONMENT(Category.NOT_FOUND, null, "the project has no environment with this name"),
    UNKNOWN_MIGRATION(Category.NOT_FOUND, null, "no migration with this version is planned in the project"),
    IDEMPOTENCY_CONFLICT(Category.CONFLICT, "R9",
            "this idempotency key was used before with other content; use a new key"),
    INVALID_INPUT(Category.INVALID, null, "the request is malformed"),
    /** SPEC §10: a workload (OIDC) identity named a project or environment its identity rule does not list. */
    OUT_OF_SCOPE(Category.POLICY, null,
            "this identity's rule does not cover the project or environment; an admin widens the "
            + "identity rule (POST /identity-rules), or the job uses an identity meant for it"),
    REVIEW_OVERDUE(Category.POLICY, null,
            "an emergency change was not reviewed within the policy's reviewWithin; an approver other "
            + "than the fact's actor reviews it (ledger review)");

    /**
     * What kind of refusal a code is. It decides, in one place each, the HTTP status of a problem (the service's
     * ProblemAdvice) and the CLI's exit code (the executor's ExitCodes, SPEC §8).
     */
    public enum Category {
        // declared in precedence order: a refusal with several reasons is of the first category among them
        NOT_FOUND, CONFLICT, POLICY, INVALID;

        /** The category of a refusal with these reasons; empty when none is given. */
        public static java.util.Optional<Category> of(java.util.Collection<ReasonCode> codes) {
            return codes.stream().map(ReasonCode::category).min(java.util.Comparator.naturalOrder());
        }
    }

    private final Category category;
    private final String rule;
    private final String advice;

    ReasonCode(Category category, String rule, String advice) {
        this.category = category;
        this.rule = rule;
        this.advice = advice;
    }

    public Category category() {
        return category;
    }

    /** The code a name stands for; empty for a name this version does not know (a newer service's code). */
    public static java.util.Optional<ReasonCode> find(String name) {
        for (ReasonCode code : values()) {
            if (code.name().equals(name)) {
                return java.util.Optional.of(code);
            }
        }
        return java.util.Optional.empty();
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
