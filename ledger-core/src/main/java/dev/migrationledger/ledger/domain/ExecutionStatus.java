package dev.migrationledger.ledger.domain;

public enum ExecutionStatus {
    APPLIED, FAILED
}
