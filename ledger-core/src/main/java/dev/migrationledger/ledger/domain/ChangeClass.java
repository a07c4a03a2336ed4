package dev.migrationledger.ledger.domain;

/** What a migration does to existing data, from the least to the most dangerous. */
public enum ChangeClass {
    ADDITIVE, TRANSFORMATIVE, DESTRUCTIVE
}
