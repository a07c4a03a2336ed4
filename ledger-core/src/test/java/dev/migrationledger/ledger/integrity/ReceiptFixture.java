package dev.migrationledger.ledger.integrity;

import dev.migrationledger.ledger.domain.Checksum;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A small in-memory ledger: unrelated events around the life of V1_1 in prod (planned by alice, approved by
 * bob, backed up, authorized, applied), a signed checkpoint over all of it, and the receipt for the apply.
 */
final class ReceiptFixture {

    static final String ORIGIN = "ledger.example/log";
    static final String SCRIPT_NAME = "V1_1__add_widgets.sql";
    static final byte[] SCRIPT = "\uFEFFcreate table widgets (id bigint);\r\n".getBytes(StandardCharsets.UTF_8);
    static final String CHECKSUM = Checksum.ofScript(SCRIPT).hex();
    /**
     * A fixed test key (openssl genpkey -algorithm ed25519), so the fixture's receipt is the same bytes on
     * every run: ReceiptFuzzTest keeps it as the seed its mutations start from.
     */
    static final LogSigningKey KEY = LogSigningKey.fromPem(ORIGIN, """
            -----BEGIN PRIVATE KEY-----
            MC4CAQAwBQYDK2VwBCIEII7CW8ENEU3VlFHPOZj11frtDSdK8K0KeE0qB53LQozo
            -----END PRIVATE KEY-----
            """);

    final List<byte[]> leaves = new ArrayList<>();
    final List<Receipt.Event> receiptEvents = new ArrayList<>();
    final ReceiptPredicate predicate;

    ReceiptFixture() {
        this("bob", CHECKSUM);
    }

    ReceiptFixture(String approver, String approvedChecksum) {
        this(approver, approvedChecksum, "{\"executionId\":\"ex-1\",\"actor\":\"ci\"}",
                "{\"checksum\":\"" + CHECKSUM + "\",\"executionId\":\"ex-1\",\"actor\":\"ci\"}", null);
    }

    /**
     * The same history with these payloads for the authorization and the apply, and {@code envelope} as the
     * signed authorization the receipt includes (null: none).
     */
    ReceiptFixture(String approver, String approvedChecksum, String authorizationJson, String appliedJson,
                   DsseEnvelope envelope) {
        unrelated(3);
        long planned = append("MigrationPlanned", "{\"project\":\"billing-db\",\"migration\":{\"version\":\"1.1\",\"author\":\"alice\",\"checksum\":\"" + CHECKSUM + "\"}}", true);
        unrelated(2);
        long approved = append("MigrationApproved", "{\"actor\":\"" + approver + "\",\"checksum\":\"" + approvedChecksum + "\",\"version\":\"1.1\",\"extra\":[1,2]}", true);
        long backup = append("BackupVerified", "{\"backupId\":\"bk-7\",\"actor\":\"ops\"}", true);
        long authorized = append("ExecutionAuthorized", authorizationJson, true);
        unrelated(1);
        long applied = append("MigrationApplied", appliedJson, true);
        unrelated(4);
        Instant t = Instant.parse("2026-02-25T12:00:00Z");
        predicate = new ReceiptPredicate("billing-db", "prod", "1.1", "add widgets", CHECKSUM, "alice",
                List.of(new ReceiptPredicate.Approval(approver, t, approvedChecksum, "prod", approved)),
                new ReceiptPredicate.Backup("bk-7", "s3://backups/bk-7", t, "ops", backup),
                new ReceiptPredicate.Authorization("ex-1", "ci", t, authorized, envelope),
                new ReceiptPredicate.Execution("ex-1", t, t.plusSeconds(3), "APPLIED", null),
                "0123abc", "https://ci.example/1", "flyway", List.of(), null);
        assert planned < applied;
    }

    /** Logs the review of the apply (execution ex-1) after everything else; its leaf index. */
    long review(String reviewer, String comment) {
        return append("ChangeReviewed", "{\"reviewId\":\"ex-1\",\"actor\":\"" + reviewer + "\",\"comment\":\""
                + comment + "\"}", true);
    }

    InMemoryLeafHashes tree() {
        return InMemoryLeafHashes.ofLeaves(leaves);
    }

    SignedNote checkpoint() {
        return SignedNote.sign(new Checkpoint(ORIGIN, leaves.size(), MerkleTree.root(tree(), leaves.size())).body(), KEY);
    }

    Receipt receipt() {
        return receipt(predicate);
    }

    Receipt receipt(ReceiptPredicate predicate) {
        return new ReceiptIssuer(KEY).issue(SCRIPT_NAME, predicate, receiptEvents, tree(), checkpoint());
    }

    private void unrelated(int count) {
        for (int i = 0; i < count; i++) {
            append("ProjectRegistered", "{\"project\":\"other-" + leaves.size() + "\"}", false);
        }
    }

    private long append(String type, String payloadJson, boolean inReceipt) {
        long index = leaves.size();
        byte[] payload = payloadJson.getBytes(StandardCharsets.UTF_8);
        byte[] metadata = ("{\"traceId\":\"t-" + index + "\"}").getBytes(StandardCharsets.UTF_8);
        LeafFields fields = LeafFields.of(ORIGIN, index, "event-" + index, "billing-db", index, "dev.migrationledger.ledger.api." + type,
                null, payload, metadata, "2026-02-25T12:00:" + String.format("%02d", index) + "Z");
        byte[] leaf = fields.encode();
        leaves.add(leaf);
        if (inReceipt) {
            receiptEvents.add(Receipt.Event.of(index, leaf, payload, metadata, type));
        }
        return index;
    }
}
