package dev.migrationledger.ledger.api;

/** What a plan request did to one migration: PLANNED (new), REPLANNED (changed) or UNCHANGED. */
public record PlanOutcome(String version, Outcome outcome) {

    public enum Outcome { PLANNED, REPLANNED, UNCHANGED }
}
