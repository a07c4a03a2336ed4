package dev.migrationledger.ledger.api;

import java.time.Instant;

/**
 * What every event carries (SPEC §4). {@code actor} is the authenticated principal that caused the
 * event, never a name the caller declared; {@code occurredAt} is when it happened in the world (for a
 * fact, when the execution finished), {@code recordedAt} when the ledger recorded it.
 */
public interface LedgerEvent {

    String project();

    Instant occurredAt();

    Instant recordedAt();

    String actor();
}
