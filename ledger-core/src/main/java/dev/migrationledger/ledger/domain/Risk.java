package dev.migrationledger.ledger.domain;

public enum Risk {
    LOW, MEDIUM, HIGH, CRITICAL
}
