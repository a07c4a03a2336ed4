package dev.migrationledger.service.receipts;

import dev.migrationledger.ledger.domain.Checksum;

import java.nio.charset.StandardCharsets;

/**
 * Receipt ids are derived from what they certify, so the id is known the moment a fact is recorded
 * (before the receipt exists) and a replayed fact points at the same receipt.
 */
public final class ReceiptIds {

    private ReceiptIds() {
    }

    public static String forFact(String project, String executionId) {
        String digest = Checksum.ofBytes((project + "\n" + executionId).getBytes(StandardCharsets.UTF_8)).hex();
        return "rcpt-" + digest.substring(0, 32);
    }
}
