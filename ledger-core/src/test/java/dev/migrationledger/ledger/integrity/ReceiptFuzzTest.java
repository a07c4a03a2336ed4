package dev.migrationledger.ledger.integrity;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Receipt files as {@code ledger verify} reads them, starting from the fixture's genuine receipt (kept as a
 * seed). What must hold: a file that is not receipt-shaped JSON is the documented usage error (an
 * IllegalArgumentException, exit 2); any other file gets a verdict, never an exception, and the verdict is
 * PROVEN only for the genuine facts: the same signed statement, checkpoint text and event bytes. A receipt
 * that does not verify is NOT PROVEN, never a crash.
 */
class ReceiptFuzzTest {

    private static final ReceiptFixture FIXTURE = new ReceiptFixture();
    private static final Receipt GENUINE = FIXTURE.receipt();
    private static final ReceiptVerifier VERIFIER = new ReceiptVerifier(ReceiptFixture.KEY.publicKey());

    @FuzzTest
    @DictionaryEntries({"\\\"index\\\":", "\\\"treeSize\\\":", "\\\"hashes\\\":[", "\\\"leafIndexes\\\":[",
            "\\\"checkpoint\\\":", "\\\"envelope\\\":", "\\\"signatures\\\":[", "\\\"decoded\\\":", "null", "-1",
            "9223372036854775807", "1e308", "\\\\u0000", "\\\\n", "\\u2014 ", "MigrationApplied", "api.MigrationApplied"})
    void receiptsAreProvenOnlyWhenGenuine(byte[] file) {
        try {
            Receipt.fromJson(file);
        } catch (IllegalArgumentException unreadable) {
            return;
        }
        Verdict verdict = VERIFIER.verify(file, null);
        String rendered = verdict.render();
        if (verdict.proven() != rendered.startsWith("PROVEN")) {
            throw new AssertionError("the rendered verdict says what the verdict is");
        }
        if (verdict.proven() && !sameFacts(Receipt.fromJson(file), GENUINE)) {
            throw new AssertionError("a receipt with other facts than the genuine one is PROVEN:\n" + rendered);
        }
        if (VERIFIER.verify(file, "another script".getBytes()).proven()) {
            throw new AssertionError("a receipt is PROVEN for a script whose checksum is not its subject");
        }
    }

    /** What a proven receipt vouches for, compared byte for byte. */
    static boolean sameFacts(Receipt a, Receipt b) {
        return a.envelope().payloadType().equals(b.envelope().payloadType())
                && Arrays.equals(a.envelope().payloadBytes(), b.envelope().payloadBytes())
                && SignedNote.parse(a.checkpoint()).text().equals(SignedNote.parse(b.checkpoint()).text())
                && events(a).equals(events(b));
    }

    private static Map<Long, String> events(Receipt receipt) {
        Map<Long, String> events = new TreeMap<>();
        receipt.events().forEach(e -> events.put(e.index(), e.leaf() + " " + e.payload() + " " + e.metadata()));
        return events;
    }
}
