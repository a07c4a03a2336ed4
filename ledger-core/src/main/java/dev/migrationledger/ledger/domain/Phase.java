package dev.migrationledger.ledger.domain;

/** Where a migration sits in an expand/contract sequence (R7). */
public enum Phase {
    EXPAND, BACKFILL, SWITCH, CONTRACT, NONE
}
