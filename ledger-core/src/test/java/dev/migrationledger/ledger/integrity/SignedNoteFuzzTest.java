package dev.migrationledger.ledger.integrity;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * C2SP signed notes and checkpoints (what {@code ledger verify} and {@code verify-log} read), starting from
 * the fixture's genuine checkpoint. What must hold: text that is not a note or not a checkpoint body is
 * refused with an IllegalArgumentException; a note that parses serializes to the very same text, and a
 * checkpoint to the very same body; a note verifies only with the text that was signed.
 */
class SignedNoteFuzzTest {

    private static final ReceiptFixture FIXTURE = new ReceiptFixture();
    private static final String SIGNED_TEXT = FIXTURE.checkpoint().text();
    private static final LogPublicKey KEY = ReceiptFixture.KEY.publicKey();

    @FuzzTest
    void notesAndCheckpointsRoundTripAndVerifyOnlyWhatWasSigned(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        SignedNote note;
        try {
            note = SignedNote.parse(text);
        } catch (IllegalArgumentException notANote) {
            return;
        }
        if (!note.serialize().equals(text)) {
            throw new AssertionError("a parsed note serializes to the text it was read from");
        }
        if (note.verify(KEY) && !note.text().equals(SIGNED_TEXT)) {
            throw new AssertionError("a note verifies with a text that was not signed: " + note.text());
        }
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.parse(note.text());
        } catch (IllegalArgumentException notACheckpoint) {
            return;
        }
        if (!checkpoint.body().equals(note.text())) {
            throw new AssertionError("a parsed checkpoint prints the body it was read from");
        }
    }
}
