package dev.migrationledger.ledger.integrity;

import dev.migrationledger.ledger.domain.Checksum;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Offline verification of a receipt (SPEC §6, "ledger verify"): the DSSE signature over the in-toto
 * statement, each event's leaf rebuilt from its stored bytes, each RFC 9162 inclusion proof against the
 * C2SP checkpoint's root, the checkpoint's signed-note signature, and the policy facts
 * ({@link ReceiptPolicyCheck}), including the signed authorization the apply ran under. Needs only the log's
 * public keys: no network, no database. Never throws on a bad receipt; every problem becomes a failed check in
 * the {@link Verdict}. With several keys (a rotation happened), each signature may be by any of them: an
 * authorization signed before a rotation is included as it was signed.
 *
 * <p>One verifier checks many receipts ({@code ledger verify} of an auditor's quarter): it remembers each
 * checkpoint and signed authorization whose signature it checked, by exact content, so receipts that share a
 * checkpoint (all issued since its signing) or an authorization (one per run) cost one Ed25519 verification
 * each instead of one per receipt. Safe for concurrent use.
 */
public final class ReceiptVerifier {

    /** Remembered signature outcomes; emptied when full rather than grown without limit. */
    private static final int REMEMBERED = 10_000;

    private final List<LogPublicKey> keys;
    private final Map<String, Boolean> checkpointSignatures = new ConcurrentHashMap<>();
    private final Map<DsseEnvelope, Boolean> authorizationSignatures = new ConcurrentHashMap<>();

    public ReceiptVerifier(LogPublicKey key) {
        this(List.of(key));
    }

    public ReceiptVerifier(List<LogPublicKey> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("verifying a receipt needs at least one public key");
        }
        this.keys = List.copyOf(keys);
    }

    /** Verifies the receipt file's bytes; {@code script} (nullable) is also checked against the subject. */
    public Verdict verify(byte[] receiptJson, byte[] script) {
        Receipt receipt;
        try {
            receipt = Receipt.fromJson(receiptJson);
        } catch (RuntimeException e) {
            CheckList checks = new CheckList();
            checks.fail("receipt is readable JSON", e.getMessage());
            return checks.verdict();
        }
        return verify(receipt, script);
    }

    public Verdict verify(Receipt receipt) {
        return verify(receipt, null);
    }

    public Verdict verify(Receipt receipt, byte[] script) {
        CheckList checks = new CheckList();
        try {
            verifyInto(receipt, script, checks);
        } catch (RuntimeException e) {
            checks.fail("receipt is well-formed", String.valueOf(e.getMessage()));
        }
        return checks.verdict();
    }

    private void verifyInto(Receipt receipt, byte[] script, CheckList checks) {
        checks.check("media type", Receipt.MEDIA_TYPE.equals(receipt.mediaType()), receipt.mediaType());
        InTotoStatement statement = statement(receipt.envelope(), checks);
        if (statement == null) {
            return;
        }
        ReceiptPredicate predicate = statement.predicate();
        ReceiptPredicate.LedgerReference ledger = predicate.ledger();
        if (!checks.check("statement names its ledger leaves", ledger != null && !ledger.leafIndexes().isEmpty(),
                ledger == null ? "no ledger reference" : ledger.leafIndexes().toString())) {
            return;
        }
        Checkpoint checkpoint = checkpoint(receipt.checkpoint(), ledger, checks);
        Map<Long, ReceiptPolicyCheck.ProvenEvent> proven = provenEvents(receipt, ledger, checkpoint, checks);
        new ReceiptPolicyCheck(predicate, proven, keys, this::signedAuthorization, checks).run();
        if (script != null) {
            String digest = statement.subject().get(0).digest().get("sha256");
            String actual = Checksum.ofScript(script).hex();
            checks.check("script checksum matches the subject", actual.equals(digest), actual);
        }
    }

    private InTotoStatement statement(DsseEnvelope envelope, CheckList checks) {
        if (!checks.check("DSSE envelope present", envelope != null, null)) {
            return null;
        }
        checks.check("DSSE payload type", DsseEnvelope.IN_TOTO_PAYLOAD_TYPE.equals(envelope.payloadType()), envelope.payloadType());
        checks.check("DSSE signature", keys.stream().anyMatch(envelope::verify), "key " + keyNames());
        InTotoStatement statement = ReceiptJson.read(envelope.payloadBytes(), InTotoStatement.class);
        checks.check("in-toto Statement v1", InTotoStatement.STATEMENT_TYPE.equals(statement.type()), statement.type());
        checks.check("receipt predicate type", InTotoStatement.RECEIPT_PREDICATE_TYPE.equals(statement.predicateType()),
                statement.predicateType());
        ReceiptPredicate predicate = statement.predicate();
        if (!checks.check("statement has a predicate", predicate != null, null)) {
            return null;
        }
        List<InTotoStatement.Subject> subject = statement.subject();
        checks.check("subject is the script with the migration's checksum", subject.size() == 1
                && predicate.checksum() != null && predicate.checksum().equals(subject.get(0).digest().get("sha256")),
                subject.isEmpty() ? "no subject" : subject.get(0).name() + " " + subject.get(0).digest());
        return subject.isEmpty() ? null : statement;
    }

    private boolean signedAuthorization(DsseEnvelope envelope) {
        return remembered(authorizationSignatures, envelope, () -> keys.stream().anyMatch(envelope::verify));
    }

    private static <K> boolean remembered(Map<K, Boolean> outcomes, K content, BooleanSupplier verify) {
        Boolean known = outcomes.get(content);
        if (known != null) {
            return known;
        }
        boolean verified = verify.getAsBoolean();
        if (outcomes.size() >= REMEMBERED) {
            outcomes.clear();
        }
        outcomes.put(content, verified);
        return verified;
    }

    private String keyNames() {
        return String.join(", ", keys.stream().map(LogPublicKey::toString).toList());
    }

    private Checkpoint checkpoint(String text, ReceiptPredicate.LedgerReference ledger, CheckList checks) {
        SignedNote note;
        Checkpoint checkpoint;
        try {
            note = SignedNote.parse(text);
            checkpoint = Checkpoint.parse(note.text());
        } catch (IllegalArgumentException e) {
            checks.fail("checkpoint is a C2SP signed checkpoint", e.getMessage());
            return null;
        }
        checks.check("checkpoint signature", remembered(checkpointSignatures, text,
                () -> keys.stream().anyMatch(note::verify)), "key " + keyNames());
        checks.check("checkpoint origin is the statement's log", checkpoint.origin().equals(ledger.origin()),
                checkpoint.origin() + " vs " + ledger.origin());
        checks.check("checkpoint size is the statement's", checkpoint.treeSize() == ledger.checkpointSize(),
                checkpoint.treeSize() + " vs " + ledger.checkpointSize());
        return checkpoint;
    }

    private Map<Long, ReceiptPolicyCheck.ProvenEvent> provenEvents(Receipt receipt, ReceiptPredicate.LedgerReference ledger,
                                                                  Checkpoint checkpoint, CheckList checks) {
        Map<Long, Receipt.Event> events = new HashMap<>();
        receipt.events().forEach(e -> events.merge(e.index(), e, (a, b) -> null));
        Map<Long, Receipt.Proof> proofs = new HashMap<>();
        receipt.proofs().forEach(p -> proofs.merge(p.index(), p, (a, b) -> null));
        Set<Long> listed = new TreeSet<>(ledger.leafIndexes());
        checks.check("one event per listed leaf", events.keySet().equals(listed) && receipt.events().size() == listed.size(),
                "listed " + listed + ", events " + new TreeSet<>(events.keySet()));
        checks.check("one proof per listed leaf", proofs.keySet().equals(listed) && receipt.proofs().size() == listed.size(),
                "listed " + listed + ", proofs " + new TreeSet<>(proofs.keySet()));
        Map<Long, ReceiptPolicyCheck.ProvenEvent> proven = new HashMap<>();
        for (Long index : listed) {
            Receipt.Event event = events.get(index);
            Receipt.Proof proof = proofs.get(index);
            if (event == null || proof == null) {
                continue;
            }
            String leafProblem = leafProblem(event, checkpoint);
            checks.check("leaf " + index + " rebuilt from its event", leafProblem == null, leafProblem == null ? event.type() : leafProblem);
            String proofProblem = proofProblem(event, proof, checkpoint);
            checks.check("leaf " + index + " included at the checkpoint", proofProblem == null,
                    proofProblem == null ? "tree size " + proof.treeSize() : proofProblem);
            if (leafProblem == null && proofProblem == null) {
                proven.put(index, new ReceiptPolicyCheck.ProvenEvent(index, event.type(), event.decoded()));
            }
        }
        return proven;
    }

    private static String leafProblem(Receipt.Event event, Checkpoint checkpoint) {
        LeafFields leaf;
        byte[] payload;
        try {
            leaf = LeafFields.decode(CanonicalBase64.decode(event.leaf()));
            payload = CanonicalBase64.decode(event.payload());
            if (!leaf.matchesMetadata(CanonicalBase64.decode(event.metadata()))) {
                return "metadata bytes do not match the leaf's SHA-256";
            }
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        if (checkpoint != null && !leaf.origin().equals(checkpoint.origin())) {
            return "the leaf belongs to log " + leaf.origin();
        }
        if (!leaf.matchesPayload(payload)) {
            return "payload bytes do not match the leaf's SHA-256";
        }
        String type = event.type();
        if (type == null || !(leaf.payloadType().equals(type) || leaf.payloadType().endsWith("." + type)
                || leaf.payloadType().endsWith("$" + type))) {
            return "event type " + type + " is not the leaf's " + leaf.payloadType();
        }
        if (event.decoded() == null || !event.decoded().equals(ReceiptJson.readTree(payload))) {
            return "the decoded event differs from its payload";
        }
        return null;
    }

    private static String proofProblem(Receipt.Event event, Receipt.Proof proof, Checkpoint checkpoint) {
        if (checkpoint == null) {
            return "no readable checkpoint to prove against";
        }
        if (proof.treeSize() == null || proof.treeSize() != checkpoint.treeSize()) {
            return "proof is for tree size " + proof.treeSize() + ", checkpoint is " + checkpoint.treeSize();
        }
        try {
            List<byte[]> hashes = proof.hashes() == null ? null : proof.hashes().stream().map(CanonicalBase64::decode).toList();
            byte[] leafHash = MerkleTree.leafHash(CanonicalBase64.decode(event.leaf()));
            return InclusionProof.verify(leafHash, event.index(), proof.treeSize(), hashes, checkpoint.rootHash())
                    ? null : "the proof does not lead to the checkpoint's root";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
