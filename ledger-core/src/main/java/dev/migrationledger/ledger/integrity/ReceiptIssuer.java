package dev.migrationledger.ledger.integrity;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Assembles a receipt (SPEC §6.1) for the service: it binds the predicate to the checkpoint (origin, leaf
 * indexes, size), signs the JCS-canonical in-toto statement as a DSSE envelope, and adds one inclusion
 * proof per event. It refuses to issue a receipt that would not verify, so a bug in the leaf table shows
 * up when issuing rather than at an auditor's desk. An issuer checks a checkpoint against its tree once: the
 * receipts of one log batch share both, and the checkpoint's signature check, repeated for each of them, was
 * 59 of 747 of the service's samples under ingest.
 */
public final class ReceiptIssuer {

    private final LogSigningKey key;
    private SignedNote checkedCheckpoint;
    private LeafHashSource checkedTree;

    public ReceiptIssuer(LogSigningKey key) {
        this.key = key;
    }

    /**
     * @param events     the events the receipt relies on, each with its leaf and stored bytes
     * @param tree       the log's leaf hashes, at least as large as the checkpoint (not changed while this
     *                   issuer issues receipts against it)
     * @param checkpoint a checkpoint signed by this issuer's key, covering every event
     */
    public Receipt issue(String scriptName, ReceiptPredicate predicate, List<Receipt.Event> events, LeafHashSource tree,
                         SignedNote checkpoint) {
        Checkpoint signed = Checkpoint.parse(checkpoint.text());
        if (checkpoint != checkedCheckpoint || tree != checkedTree) {
            if (!checkpoint.verify(key.publicKey())) {
                throw new IllegalArgumentException("the checkpoint is not signed by " + key.publicKey());
            }
            if (!Arrays.equals(MerkleTree.root(tree, signed.treeSize()), signed.rootHash())) {
                throw new IllegalArgumentException("the leaf hashes do not lead to the checkpoint's root");
            }
            checkedCheckpoint = checkpoint;
            checkedTree = tree;
        }
        List<Receipt.Event> ordered = events.stream().sorted(Comparator.comparing(Receipt.Event::index)).toList();
        List<Long> indexes = ordered.stream().map(Receipt.Event::index).toList();
        if (indexes.stream().distinct().count() != indexes.size()) {
            throw new IllegalArgumentException("an event appears twice");
        }
        List<Receipt.Proof> proofs = ordered.stream().map(event -> {
            InclusionProof proof = MerkleTree.inclusionProof(tree, event.index(), signed.treeSize());
            byte[] leafHash = MerkleTree.leafHash(CanonicalBase64.decode(event.leaf()));
            if (!proof.verify(leafHash, signed.rootHash())) {
                throw new IllegalArgumentException("event " + event.index() + " is not the leaf stored at its index");
            }
            return Receipt.Proof.of(proof);
        }).toList();
        ReceiptPredicate bound = predicate.withLedger(
                new ReceiptPredicate.LedgerReference(signed.origin(), indexes, signed.treeSize()));
        byte[] statement = ReceiptJson.canonical(InTotoStatement.forScript(scriptName, bound));
        DsseEnvelope envelope = DsseEnvelope.sign(DsseEnvelope.IN_TOTO_PAYLOAD_TYPE, statement, key);
        return new Receipt(Receipt.MEDIA_TYPE, envelope, ordered, proofs, checkpoint.serialize());
    }
}
