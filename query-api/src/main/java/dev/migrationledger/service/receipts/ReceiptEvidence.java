package dev.migrationledger.service.receipts;

import dev.migrationledger.ledger.integrity.ReceiptPredicate;
import dev.migrationledger.service.eventstore.StoredEvent;

import java.util.List;

/**
 * What one receipt asserts (the predicate, without its ledger reference, which the issuer binds) and the
 * stored events that back each assertion: planned, approvals, backup, authorization and the fact.
 */
public record ReceiptEvidence(String scriptName, ReceiptPredicate predicate, List<StoredEvent> events,
                              String environment, String version, String executionId) {

    /** Flyway's file name for the version: {@code V1_1__add_widgets.sql}, or the repeatable's {@code R__…}. */
    public static String scriptName(String version, String description) {
        if (version.startsWith("R__")) {
            return version + ".sql";
        }
        String suffix = description == null || description.isBlank() ? "" : "__" + description.strip().replace(' ', '_');
        return "V" + version.replace('.', '_') + suffix + ".sql";
    }
}
