package dev.migrationledger.ledger.domain;

/** What an executor may report of one run (a fact's {@code status}); {@link Outcome} names every outcome. */
public enum ExecutionStatus {
    APPLIED, FAILED;

    public Outcome outcome() {
        return this == APPLIED ? Outcome.APPLIED : Outcome.FAILED;
    }
}
