package dev.migrationledger.service.receipts;

import java.time.Instant;

/** A row of {@code log_checkpoint}: a signed C2SP checkpoint note and what it commits to. */
public record StoredCheckpoint(long treeSize, byte[] rootHash, String note, String keyId, Instant createdAt) {
}
