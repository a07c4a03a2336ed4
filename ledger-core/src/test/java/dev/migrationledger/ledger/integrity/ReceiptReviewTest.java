package dev.migrationledger.ledger.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A reviewed emergency change's receipt carries the review (§10), and the verifier holds it to its logged event. */
class ReceiptReviewTest {

    private static final Instant LATER = Instant.parse("2026-02-26T09:00:00Z");
    private final ReceiptVerifier verifier = new ReceiptVerifier(ReceiptFixture.KEY.publicKey());

    /** The fixture's receipt, signed with this review in its predicate, verified. */
    private Verdict verified(ReceiptFixture fixture, ReceiptPredicate.Review review) {
        return verifier.verify(fixture.receipt(fixture.predicate.withReview(review)).toJson(), null);
    }

    @Test
    void theReviewAsLoggedPassesItsChecks() {
        ReceiptFixture fixture = new ReceiptFixture();
        long leaf = fixture.review("carol", "checked against OPS-9");
        Verdict verdict = verified(fixture, new ReceiptPredicate.Review("ex-1", "carol", LATER, "checked against OPS-9", leaf));
        assertThat(verdict.failures()).isEmpty();
        assertThat(verdict.render()).contains("PASS review at leaf " + leaf, "PASS reviewer is not the change's actor: carol",
                "PASS review follows the change");
    }

    @Test
    void aReviewThatItsEventDoesNotShowFails() {
        ReceiptFixture fixture = new ReceiptFixture();
        long leaf = fixture.review("carol", "checked against OPS-9");
        Verdict verdict = verified(fixture, new ReceiptPredicate.Review("ex-1", "dave", LATER, "checked against OPS-9", leaf));
        assertThat(verdict.proven()).isFalse();
        assertThat(verdict.failures()).extracting(Verdict.Check::name).contains("review at leaf " + leaf);
    }

    @Test
    void aReviewByTheChangesOwnActorFails() {
        ReceiptFixture fixture = new ReceiptFixture();
        long leaf = fixture.review("ci", "looks fine to me");
        Verdict verdict = verified(fixture, new ReceiptPredicate.Review("ex-1", "ci", LATER, "looks fine to me", leaf));
        assertThat(verdict.failures()).filteredOn(c -> c.name().equals("reviewer is not the change's actor: ci"))
                .singleElement().extracting(Verdict.Check::detail).isEqualTo("SELF_APPROVAL: recorded by ci");
    }

    @Test
    void aReviewPointingAtAnotherEventFails() {
        ReceiptFixture fixture = new ReceiptFixture();
        fixture.review("carol", "checked");
        long backupLeaf = fixture.predicate.backup().leafIndex();
        Verdict verdict = verified(fixture, new ReceiptPredicate.Review("ex-1", "carol", LATER, "checked", backupLeaf));
        assertThat(verdict.failures()).extracting(Verdict.Check::name).contains("review at leaf " + backupLeaf);
    }

    @Test
    void anEditedReviewEventFailsItsLeaf() {
        ReceiptFixture fixture = new ReceiptFixture();
        long leaf = fixture.review("carol", "checked against OPS-9");
        String file = new String(fixture.receipt(fixture.predicate.withReview(
                new ReceiptPredicate.Review("ex-1", "carol", LATER, "checked against OPS-9", leaf))).toJson(),
                StandardCharsets.UTF_8);
        String original = java.util.Base64.getEncoder().encodeToString(
                "{\"reviewId\":\"ex-1\",\"actor\":\"carol\",\"comment\":\"checked against OPS-9\"}".getBytes(StandardCharsets.UTF_8));
        String edited = java.util.Base64.getEncoder().encodeToString(
                "{\"reviewId\":\"ex-1\",\"actor\":\"carol\",\"comment\":\"checked against OPS-10\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(file).contains(original);
        Verdict verdict = verifier.verify(file.replace(original, edited).getBytes(StandardCharsets.UTF_8), null);
        assertThat(verdict.proven()).isFalse();
    }
}
