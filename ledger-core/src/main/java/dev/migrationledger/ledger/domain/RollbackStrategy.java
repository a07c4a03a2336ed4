package dev.migrationledger.ledger.domain;

public enum RollbackStrategy {
    FORWARD_FIX, DOWN_SCRIPT, RESTORE, MANUAL
}
