package dev.migrationledger.ledger.api;

import dev.migrationledger.ledger.domain.Tool;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * What a scan of the real database found: its history table ({@code history}, null when the scanner
 * could not read one) and its live schema fingerprint ({@code schemaFingerprint}, null when not
 * computed). {@code schemaDifferences} are the lines by which the live schema differs from the one
 * the ledger expects ("+ column public.invoice.note text null"), computed by the service. {@code tool}
 * wrote the history (null: Flyway, as scanners before it sent only Flyway's). A fact: never rejected
 * when well-formed; {@code scanId} is its idempotency key.
 */
public record RecordDriftScan(@TargetAggregateIdentifier String projectId,
                              String environment,
                              String scanId,
                              List<HistoryRow> history,
                              String schemaFingerprint,
                              List<String> schemaDifferences,
                              String actor,
                              Tool tool) {

    public RecordDriftScan(String projectId, String environment, String scanId, List<HistoryRow> history,
                           String schemaFingerprint, List<String> schemaDifferences, String actor) {
        this(projectId, environment, scanId, history, schemaFingerprint, schemaDifferences, actor, null);
    }
}
