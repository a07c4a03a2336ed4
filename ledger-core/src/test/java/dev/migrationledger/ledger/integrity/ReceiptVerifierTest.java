package dev.migrationledger.ledger.integrity;

import dev.migrationledger.ledger.api.ReportedReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

class ReceiptVerifierTest {

    private final ReceiptFixture fixture = new ReceiptFixture();
    private final ReceiptVerifier verifier = new ReceiptVerifier(ReceiptFixture.KEY.publicKey());

    @Test
    void issuedReceiptIsProven() {
        Verdict verdict = verifier.verify(fixture.receipt().toJson(), ReceiptFixture.SCRIPT);
        assertThat(verdict.failures()).isEmpty();
        assertThat(verdict.proven()).isTrue();
        assertThat(verdict.render()).startsWith("PROVEN\n").contains("PASS DSSE signature", "PASS approved checksum = applied checksum");
    }

    @Test
    void receiptJsonHasTheSpecifiedShape() throws Exception {
        Receipt receipt = fixture.receipt();
        var json = ReceiptJson.MAPPER.readTree(receipt.toJson());
        assertThat(json.get("mediaType").asText()).isEqualTo("application/vnd.migration-ledger.receipt.v1+json");
        assertThat(json.at("/envelope/payloadType").asText()).isEqualTo("application/vnd.in-toto+json");
        assertThat(json.at("/envelope/signatures/0/keyid").asText()).isEqualTo(ReceiptFixture.KEY.publicKey().keyIdHex());
        assertThat(json.at("/events/0/decoded/migration/author").asText()).isEqualTo("alice");
        assertThat(json.at("/proofs/0/treeSize").asLong()).isEqualTo(fixture.leaves.size());
        assertThat(json.get("checkpoint").asText()).startsWith(ReceiptFixture.ORIGIN + "\n" + fixture.leaves.size() + "\n");
        var statement = ReceiptJson.MAPPER.readTree(receipt.envelope().payloadBytes());
        assertThat(statement.get("_type").asText()).isEqualTo("https://in-toto.io/Statement/v1");
        assertThat(statement.at("/subject/0/name").asText()).isEqualTo("V1_1__add_widgets.sql");
        assertThat(statement.at("/subject/0/digest/sha256").asText()).isEqualTo(ReceiptFixture.CHECKSUM);
        assertThat(statement.at("/predicate/ledger/leafIndexes").size()).isEqualTo(5);
        assertThat(Receipt.fromJson(receipt.toJson()).toJson()).isEqualTo(receipt.toJson());
    }

    @Test
    void changedPayloadByteFailsTheLeafCheck() {
        Receipt receipt = fixture.receipt();
        List<Receipt.Event> events = new ArrayList<>(receipt.events());
        Receipt.Event event = events.get(1);
        byte[] payload = CanonicalBase64.decode(event.payload());
        payload[payload.length - 3] ^= 1;
        events.set(1, new Receipt.Event(event.index(), event.leaf(), CanonicalBase64.encode(payload), event.metadata(), event.type(), event.decoded()));
        assertFailsOn(withEvents(receipt, events), "leaf " + event.index() + " rebuilt from its event");
    }

    @Test
    void changedProofHashFailsInclusion() {
        Receipt receipt = fixture.receipt();
        List<Receipt.Proof> proofs = new ArrayList<>(receipt.proofs());
        Receipt.Proof proof = proofs.get(2);
        List<String> hashes = new ArrayList<>(proof.hashes());
        byte[] first = CanonicalBase64.decode(hashes.get(0));
        first[0] ^= 0x40;
        hashes.set(0, CanonicalBase64.encode(first));
        proofs.set(2, new Receipt.Proof(proof.index(), proof.treeSize(), hashes));
        Receipt tampered = new Receipt(receipt.mediaType(), receipt.envelope(), receipt.events(), proofs, receipt.checkpoint());
        assertFailsOn(tampered, "leaf " + proof.index() + " included at the checkpoint");
    }

    @Test
    void changedCheckpointFailsItsSignature() {
        Receipt receipt = fixture.receipt();
        String checkpoint = receipt.checkpoint();
        int rootStart = checkpoint.indexOf('\n', checkpoint.indexOf('\n') + 1) + 1;
        char c = checkpoint.charAt(rootStart);
        String tampered = checkpoint.substring(0, rootStart) + (c == 'A' ? 'B' : 'A') + checkpoint.substring(rootStart + 1);
        Verdict verdict = verifier.verify(new Receipt(receipt.mediaType(), receipt.envelope(), receipt.events(), receipt.proofs(), tampered));
        assertThat(verdict.proven()).isFalse();
        assertThat(verdict.failures()).extracting(Verdict.Check::name).contains("checkpoint signature");
    }

    @Test
    void changedDssePayloadFailsTheSignature() {
        Receipt receipt = fixture.receipt();
        String statement = new String(receipt.envelope().payloadBytes(), StandardCharsets.UTF_8).replace("\"alice\"", "\"alicf\"");
        DsseEnvelope envelope = new DsseEnvelope(receipt.envelope().payloadType(),
                CanonicalBase64.encode(statement.getBytes(StandardCharsets.UTF_8)), receipt.envelope().signatures());
        assertFailsOn(new Receipt(receipt.mediaType(), envelope, receipt.events(), receipt.proofs(), receipt.checkpoint()), "DSSE signature");
    }

    @Test
    void anotherKeyFailsBothSignatures() {
        Verdict verdict = new ReceiptVerifier(LogSigningKey.generate(ReceiptFixture.ORIGIN).publicKey()).verify(fixture.receipt());
        assertThat(verdict.proven()).isFalse();
        assertThat(verdict.failures()).extracting(Verdict.Check::name).contains("DSSE signature", "checkpoint signature");
    }

    @Test
    void missingProofIsNotProven() {
        Receipt receipt = fixture.receipt();
        Receipt tampered = new Receipt(receipt.mediaType(), receipt.envelope(), receipt.events(),
                receipt.proofs().subList(1, receipt.proofs().size()), receipt.checkpoint());
        assertFailsOn(tampered, "one proof per listed leaf");
    }

    @Test
    void missingEventIsNotProven() {
        Receipt receipt = fixture.receipt();
        assertFailsOn(withEvents(receipt, receipt.events().subList(0, receipt.events().size() - 1)), "one event per listed leaf");
    }

    @Test
    void decodedEventThatDiffersFromItsPayloadIsNotProven() {
        Receipt receipt = fixture.receipt();
        List<Receipt.Event> events = new ArrayList<>(receipt.events());
        Receipt.Event event = events.get(1);
        var decoded = event.decoded().deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) decoded).put("actor", "mallory");
        events.set(1, new Receipt.Event(event.index(), event.leaf(), event.payload(), event.metadata(), event.type(), decoded));
        assertFailsOn(withEvents(receipt, events), "leaf " + event.index() + " rebuilt from its event");
    }

    @Test
    void selfApprovalIsNotProven() {
        ReceiptFixture selfApproved = new ReceiptFixture("alice", ReceiptFixture.CHECKSUM);
        assertFailsOn(selfApproved.receipt(), "approval counts: alice");
        assertThat(verifier.verify(selfApproved.receipt()).failures()).first().extracting(Verdict.Check::detail)
                .asString().startsWith("SELF_APPROVAL: alice wrote or planned it");
    }

    @Test
    void selfApprovalIsNotProvenWhateverTheCaseOfTheName() {
        // the aggregate refuses ALICE approving alice's migration; a receipt saying so must not verify either
        ReceiptFixture selfApproved = new ReceiptFixture("ALICE", ReceiptFixture.CHECKSUM);
        assertFailsOn(selfApproved.receipt(), "approval counts: ALICE");
    }

    @Test
    void approvalOfAnotherChecksumIsNotProven() {
        ReceiptFixture otherChecksum = new ReceiptFixture("bob", "0".repeat(64));
        // it does not count (R2), whatever else the receipt claims of it; bob is no self-approver
        assertFailsOn(otherChecksum.receipt(), "approval counts: bob");
        assertThat(verifier.verify(otherChecksum.receipt()).failures()).first().extracting(Verdict.Check::detail)
                .asString().doesNotContain("SELF_APPROVAL");
    }

    @Test
    void predicateClaimingAnApproverTheEventDoesNotShowIsNotProven() {
        ReceiptPredicate p = fixture.predicate;
        ReceiptPredicate.Approval real = p.approvals().get(0);
        ReceiptPredicate claimed = new ReceiptPredicate(p.project(), p.environment(), p.version(), p.description(), p.checksum(),
                p.plannedBy(), List.of(new ReceiptPredicate.Approval("carol", real.approvedAt(), real.checksum(), "prod", real.leafIndex())),
                p.backup(), p.authorization(), p.execution(), p.gitSha(), p.pipelineUrl(), p.tool(), p.violations(), null);
        assertFailsOn(fixture.receipt(claimed), "approval at leaf " + real.leafIndex());
    }

    @Test
    void backupRecordedAfterTheApplyIsNotProven() {
        ReceiptPredicate p = fixture.predicate;
        ReceiptPredicate.Backup late = new ReceiptPredicate.Backup("bk-7", "s3://x", null, "ops", fixture.leaves.size() - 1);
        ReceiptPredicate claimed = new ReceiptPredicate(p.project(), p.environment(), p.version(), p.description(), p.checksum(),
                p.plannedBy(), p.approvals(), late, p.authorization(), p.execution(), p.gitSha(), p.pipelineUrl(), p.tool(), p.violations(), null);
        Verdict verdict = verifier.verify(fixture.receipt(claimed));
        assertThat(verdict.proven()).isFalse();
        assertThat(verdict.failures()).extracting(Verdict.Check::name).contains("backup precedes the apply");
    }

    @Test
    void recordedViolationsKeepTheReceiptFromBeingProven() {
        ReceiptPredicate p = fixture.predicate;
        ReceiptPredicate violating = new ReceiptPredicate(p.project(), p.environment(), p.version(), p.description(), p.checksum(),
                p.plannedBy(), p.approvals(), p.backup(), p.authorization(), p.execution(), p.gitSha(), p.pipelineUrl(), p.tool(),
                List.of(new ReportedReason("NO_BACKUP", "no backup", null)), null);
        assertFailsOn(fixture.receipt(violating), "no recorded violations");
    }

    @Test
    void anotherScriptDoesNotMatchTheSubject() {
        Verdict verdict = verifier.verify(fixture.receipt().toJson(), "drop table widgets;".getBytes(StandardCharsets.UTF_8));
        assertThat(verdict.proven()).isFalse();
        assertThat(verdict.failures()).extracting(Verdict.Check::name).containsExactly("script checksum matches the subject");
    }

    @Test
    void unreadableReceiptIsNotProven() {
        Verdict verdict = verifier.verify("{\"mediaType\":".getBytes(StandardCharsets.UTF_8), null);
        assertThat(verdict.proven()).isFalse();
        assertThat(verdict.failures()).extracting(Verdict.Check::name).containsExactly("receipt is readable JSON");
    }

    @Test
    void issuerRefusesACheckpointItDidNotSign() {
        SignedNote foreign = SignedNote.sign(fixture.checkpoint().text(), LogSigningKey.generate(ReceiptFixture.ORIGIN));
        assertThatThrownBy(() -> new ReceiptIssuer(ReceiptFixture.KEY).issue(ReceiptFixture.SCRIPT_NAME, fixture.predicate,
                fixture.receiptEvents, fixture.tree(), foreign)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anIssuerChecksEachCheckpointItIsGivenNotOnlyTheFirst() {
        ReceiptIssuer issuer = new ReceiptIssuer(ReceiptFixture.KEY);
        SignedNote checkpoint = fixture.checkpoint();
        InMemoryLeafHashes tree = fixture.tree();
        Receipt first = issuer.issue(ReceiptFixture.SCRIPT_NAME, fixture.predicate, fixture.receiptEvents, tree, checkpoint);
        Receipt again = issuer.issue(ReceiptFixture.SCRIPT_NAME, fixture.predicate, fixture.receiptEvents, tree, checkpoint);
        assertThat(verifier.verify(again).proven()).isTrue();
        assertThat(again.toJson()).isEqualTo(first.toJson());

        SignedNote foreign = SignedNote.sign(checkpoint.text(), LogSigningKey.generate(ReceiptFixture.ORIGIN));
        assertThatThrownBy(() -> issuer.issue(ReceiptFixture.SCRIPT_NAME, fixture.predicate, fixture.receiptEvents,
                tree, foreign)).as("another checkpoint after a checked one").isInstanceOf(IllegalArgumentException.class);
        InMemoryLeafHashes shorter = InMemoryLeafHashes.ofLeaves(fixture.leaves.subList(0, fixture.leaves.size() - 1));
        assertThatThrownBy(() -> issuer.issue(ReceiptFixture.SCRIPT_NAME, fixture.predicate, fixture.receiptEvents,
                shorter, checkpoint)).as("the checked checkpoint against another tree").isInstanceOf(RuntimeException.class);
    }

    /** The first failed check names the tampering; later ones may fail as its consequence. */
    private void assertFailsOn(Receipt receipt, String checkName) {
        Verdict verdict = verifier.verify(receipt);
        assertThat(verdict.proven()).isFalse();
        assertThat(verdict.failures()).first().extracting(Verdict.Check::name).isEqualTo(checkName);
    }

    private static Receipt withEvents(Receipt receipt, List<Receipt.Event> events) {
        return new Receipt(receipt.mediaType(), receipt.envelope(), events, receipt.proofs(), receipt.checkpoint());
    }
}
