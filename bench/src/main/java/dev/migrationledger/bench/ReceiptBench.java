package dev.migrationledger.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrationledger.ledger.domain.Checksum;
import dev.migrationledger.ledger.integrity.Checkpoint;
import dev.migrationledger.ledger.integrity.InMemoryLeafHashes;
import dev.migrationledger.ledger.integrity.LeafFields;
import dev.migrationledger.ledger.integrity.LogSigningKey;
import dev.migrationledger.ledger.integrity.MerkleTree;
import dev.migrationledger.ledger.integrity.Receipt;
import dev.migrationledger.ledger.integrity.ReceiptIssuer;
import dev.migrationledger.ledger.integrity.ReceiptPredicate;
import dev.migrationledger.ledger.integrity.ReceiptVerifier;
import dev.migrationledger.ledger.integrity.SignedNote;
import dev.migrationledger.ledger.integrity.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Receipt issue and verify rates, in-process and single-threaded, with the ledger-core classes the
 * service and {@code ledger verify} use. A realistic receipt: five events (planned, approved, backup,
 * authorized, applied) spread over a log of {@code logSize} leaves, so each inclusion proof has
 * log2(size) hashes. Verification starts from the receipt file's bytes, as {@code ledger verify} does.
 */
final class ReceiptBench {

    private static final String ORIGIN = "bench.migration-ledger.dev/log";
    private static final String SCRIPT = "CREATE TABLE widgets (id bigint primary key);\n";

    /** Receipts in one auditor's run of the bench. */
    private static final int AUDITED = 200;

    private final Sizes sizes;

    ReceiptBench(Sizes sizes) {
        this.sizes = sizes;
    }

    ObjectNode measure(ObjectNode out) {
        LogSigningKey key = LogSigningKey.generate(ORIGIN);
        String checksum = Checksum.ofScript(SCRIPT.getBytes(StandardCharsets.UTF_8)).hex();
        int size = sizes.logSize();
        long[] at = {size / 10, size / 3, size / 2, size - 20, size - 10};
        String[] types = {"MigrationPlanned", "MigrationApproved", "BackupVerified", "ExecutionAuthorized", "MigrationApplied"};
        String[] payloads = {
            "{\"project\":\"billing-db\",\"migration\":{\"version\":\"1.1\",\"author\":\"alice\",\"checksum\":\"" + checksum + "\"}}",
            "{\"project\":\"billing-db\",\"actor\":\"bob\",\"checksum\":\"" + checksum + "\",\"version\":\"1.1\",\"environment\":\"prod\"}",
            "{\"project\":\"billing-db\",\"backupId\":\"bk-7\",\"actor\":\"ops\",\"environment\":\"prod\"}",
            "{\"project\":\"billing-db\",\"executionId\":\"run-1\",\"actor\":\"ci\",\"environment\":\"prod\",\"versions\":[\"1.1\"]}",
            "{\"project\":\"billing-db\",\"checksum\":\"" + checksum + "\",\"executionId\":\"run-1\",\"actor\":\"ci\",\"environment\":\"prod\"}"};
        List<byte[]> leaves = new ArrayList<>(size);
        List<Receipt.Event> events = new ArrayList<>();
        long buildStart = System.nanoTime();
        for (int i = 0, next = 0; i < size; i++) {
            boolean ours = next < at.length && at[next] == i;
            byte[] payload = (ours ? payloads[next] : "{\"project\":\"other-" + (i % 97) + "\",\"version\":\"" + i + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            byte[] metadata = ("{\"traceId\":\"t-" + i + "\"}").getBytes(StandardCharsets.UTF_8);
            String type = ours ? types[next] : "MigrationApplied";
            byte[] leaf = LeafFields.of(ORIGIN, i, "event-" + i, ours ? "billing-db" : "other-" + (i % 97), i,
                    "dev.migrationledger.ledger.api." + type, null, payload, metadata,
                    Instant.ofEpochSecond(1_780_000_000L + i).toString()).encode();
            leaves.add(leaf);
            if (ours) {
                events.add(Receipt.Event.of(i, leaf, payload, metadata, type));
                next++;
            }
        }
        InMemoryLeafHashes tree = InMemoryLeafHashes.ofLeaves(leaves);
        leaves.clear();
        double buildSeconds = (System.nanoTime() - buildStart) / 1e9;
        SignedNote checkpoint = SignedNote.sign(new Checkpoint(ORIGIN, size, MerkleTree.root(tree, size)).body(), key);
        Instant t = Instant.parse("2026-05-01T10:00:00Z");
        ReceiptPredicate predicate = new ReceiptPredicate("billing-db", "prod", "1.1", "add widgets", checksum, "alice",
                List.of(new ReceiptPredicate.Approval("bob", t, checksum, "prod", at[1])),
                new ReceiptPredicate.Backup("bk-7", "s3://backups/bk-7", t, "ops", at[2]),
                new ReceiptPredicate.Authorization("run-1", "ci", t, at[3]),
                new ReceiptPredicate.Execution("run-1", t, t.plusSeconds(3), "APPLIED", null),
                "4b825dc642cb6eb9a060e54bf8d69288fbee4904", "https://ci.example.com/runs/1", "ledger", List.of(), null);
        ReceiptIssuer issuer = new ReceiptIssuer(key);
        ReceiptVerifier verifier = new ReceiptVerifier(key.publicKey());
        byte[] script = SCRIPT.getBytes(StandardCharsets.UTF_8);

        byte[] file = issuer.issue("V1_1__add_widgets.sql", predicate, events, tree, checkpoint).toJson();
        Verdict verdict = verifier.verify(file, script);
        if (!verdict.proven()) {
            throw new IllegalStateException("the bench receipt does not verify: " + verdict.failures());
        }
        double issue = rate(sizes.receiptPhase(), () -> issuer.issue("V1_1__add_widgets.sql", predicate, events, tree,
                checkpoint).toJson());
        double verify = rate(sizes.receiptPhase(), () -> verifier.verify(file, script));
        // An auditor's run (ledger verify RECEIPT...): distinct receipts, each with its own DSSE signature,
        // issued against one checkpoint, verified by one verifier, as against one verifier per receipt file.
        List<byte[]> quarter = new ArrayList<>();
        for (int i = 0; i < AUDITED; i++) {
            quarter.add(issuer.issue("V1_1__add_widgets.sql", predicate, events, tree, checkpoint).toJson());
        }
        double many = AUDITED * rate(sizes.receiptPhase(), () -> {
            ReceiptVerifier run = new ReceiptVerifier(key.publicKey());
            quarter.forEach(receipt -> run.verify(receipt, script));
        });
        double one = AUDITED * rate(sizes.receiptPhase(),
                () -> quarter.forEach(receipt -> new ReceiptVerifier(key.publicKey()).verify(receipt, script)));
        out.put("log_size", size);
        out.put("log_build_s", Math.round(buildSeconds * 100) / 100.0);
        out.put("receipt_bytes", file.length);
        out.put("issue_per_s", Math.round(issue));
        out.put("verify_per_s", Math.round(verify));
        out.put("verify_many_per_s", Math.round(many));
        out.put("verify_one_per_run_per_s", Math.round(one));
        out.put("verify_many_ratio", Math.round(many / one * 100) / 100.0);
        return out;
    }

    /** Operations per second over {@code duration}, after the same duration of warm-up. */
    private static double rate(Duration duration, Runnable operation) {
        for (long end = System.nanoTime() + duration.toNanos(); System.nanoTime() < end; ) {
            operation.run();
        }
        long count = 0;
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        while (System.nanoTime() < end) {
            operation.run();
            count++;
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }
}
