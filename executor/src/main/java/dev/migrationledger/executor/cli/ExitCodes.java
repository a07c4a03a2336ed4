package dev.migrationledger.executor.cli;

import dev.migrationledger.executor.client.LedgerProblemException;

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
     * A refused request: a bad token or role is the pipeline's configuration (2), a rule the ledger
     * enforces is a policy denial (3) — so is a job identity acting outside its identity rule's projects or
     * environments (403 OUT_OF_SCOPE: the identity is fine, the policy says not here) — anything else the
     * ledger refused counts as a failed check (1).
     */
    public static int of(LedgerProblemException problem) {
        if (problem.hasReason("OUT_OF_SCOPE")) {
            return DENIED;
        }
        if (problem.isAuthProblem()) {
            return USAGE;
        }
        if (problem.status() == 422 || problem.status() == 409) {
            boolean inputOnly = !problem.reasons().isEmpty()
                    && problem.reasons().stream().allMatch(r -> "INVALID_INPUT".equals(r.code()));
            return inputOnly ? CHECK_FAILED : DENIED;
        }
        if (problem.status() == 404) {
            return USAGE;
        }
        return CHECK_FAILED;
    }

    /** A refused record of what is there (a scan, an import): never a policy denial, since nothing was asked for. */
    public static int ofRecord(LedgerProblemException problem) {
        int code = of(problem);
        return code == DENIED ? CHECK_FAILED : code;
    }
}
