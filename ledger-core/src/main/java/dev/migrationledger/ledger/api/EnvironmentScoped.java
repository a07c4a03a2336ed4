package dev.migrationledger.ledger.api;

/** An event about one environment of its project. */
public interface EnvironmentScoped extends LedgerEvent {

    String environment();
}
