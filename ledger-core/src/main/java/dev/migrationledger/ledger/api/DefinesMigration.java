package dev.migrationledger.ledger.api;

/** An event that sets what a migration is: its plan, or a replan with another script. */
public interface DefinesMigration extends LedgerEvent {

    MigrationDefinition migration();
}
