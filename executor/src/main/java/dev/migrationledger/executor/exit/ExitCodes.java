package dev.migrationledger.executor.exit;

import dev.migrationledger.executor.client.LedgerProblemException;
import dev.migrationledger.ledger.domain.ReasonCode;
import java.util.List;
import java.util.Optional;

/** The CLI's exit codes (SPEC §8): scripts and CI pipelines branch on them. */
public final class ExitCodes {

    public static final int SUCCESS = 0;
    public static final int CHECK_FAILED = 1;
    public static final int USAGE = 2;
    public static final int DENIED = 3;
    public static final int DRIFT = 4;
    public static final int UNREACHABLE = 5;

    private ExitCodes() {
    }

    /**
     * A refused request, by the category of its reasons: a rule the ledger enforces or a conflicting idempotency
     * key is a policy denial (3) — so is a job identity acting outside its identity rule (403 OUT_OF_SCOPE: the
     * identity is fine, the policy says not here); something unknown is a usage error (2), as is a bad token or
     * role (the pipeline's configuration); malformed input counts as a failed check (1).
     */
    public static int of(LedgerProblemException problem) {
        List<ReasonCode> known = problem.reasons().stream()
                .flatMap(r -> r.knownCode().stream()).toList();
        Optional<ReasonCode.Category> category = ReasonCode.Category.of(known);
        if (problem.isAuthProblem() && category.filter(c -> c == ReasonCode.Category.POLICY).isEmpty()) {
            return USAGE;
        }
        return category.map(c -> switch (c) {
            case POLICY, CONFLICT -> DENIED;
            case NOT_FOUND -> USAGE;
            case INVALID -> CHECK_FAILED;
        }).orElseGet(() -> byStatus(problem.status()));
    }

    /** A problem without a code this version knows (none, or a newer service's): its status is all there is. */
    private static int byStatus(int status) {
        return switch (status) {
            case 404 -> USAGE;
            case 409, 422 -> DENIED;
            default -> CHECK_FAILED;
        };
    }

    /** A refused record of what is there (a scan, an import): never a policy denial, since nothing was asked for. */
    public static int ofRecord(LedgerProblemException problem) {
        int code = of(problem);
        return code == DENIED ? CHECK_FAILED : code;
    }
}
