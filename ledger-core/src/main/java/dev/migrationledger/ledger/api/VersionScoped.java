package dev.migrationledger.ledger.api;

/** An event about one migration version of its project (the canonical version key). */
public interface VersionScoped extends LedgerEvent {

    String version();
}
