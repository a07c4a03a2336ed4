package dev.migrationledger.ledger.domain;

/**
 * Every outcome a receipt's execution or a report's row can have, named as they appear on the wire
 * ({@code result} in receipts, {@code status} in compliance reports): the constant's name is the text, so
 * independent verifiers keep reading the same bytes. A fact reports only {@link ExecutionStatus}; rollbacks
 * and imported history add the rest.
 */
public enum Outcome {
    APPLIED, FAILED, ROLLED_BACK, BASELINE, BASELINE_FAILED;

    /** Whether the ledger witnessed it, so a receipt can be issued: imported history ran before it watched. */
    public boolean witnessed() {
        return this != BASELINE && this != BASELINE_FAILED;
    }

    /** The outcome of an imported history row (ledger import). */
    public static Outcome baseline(boolean success) {
        return success ? BASELINE : BASELINE_FAILED;
    }
}
