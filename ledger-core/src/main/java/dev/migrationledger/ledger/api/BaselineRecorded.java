package dev.migrationledger.ledger.api;

import dev.migrationledger.ledger.domain.Tool;

import java.time.Instant;

/** A migration already applied before the ledger watched, imported from another tool's history. */
public record BaselineRecorded(String project, String environment, String version, String description,
                               String checksum, boolean success, Tool tool, String installedBy, String sourceId,
                               Instant occurredAt, Instant recordedAt, String actor) implements LedgerEvent {
}
