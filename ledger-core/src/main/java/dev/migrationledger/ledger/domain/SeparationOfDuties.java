package dev.migrationledger.ledger.domain;

/**
 * SPEC §5 R2, the one implementation: the aggregate refuses an approval with it, and the receipt
 * verifier re-checks every approval a receipt lists with it, so the two can never disagree.
 */
public final class SeparationOfDuties {

    private SeparationOfDuties() {
    }

    /**
     * Whether {@code approver} may approve a migration written by {@code author} and planned by
     * {@code planner} (either may be unknown: null). Principals are compared case-insensitively, because
     * identity providers and CI systems disagree on the case of the same name.
     */
    public static boolean mayApprove(String approver, String author, String planner) {
        return approver != null && !approver.equalsIgnoreCase(author) && !approver.equalsIgnoreCase(planner);
    }
}
