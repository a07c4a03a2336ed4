package dev.migrationledger.service.receipts;

import dev.migrationledger.ledger.integrity.Checkpoint;
import dev.migrationledger.ledger.integrity.CompactRange;
import dev.migrationledger.ledger.integrity.ConsistencyProof;
import dev.migrationledger.ledger.integrity.LogSigningKey;
import dev.migrationledger.ledger.integrity.MerkleTree;
import dev.migrationledger.ledger.integrity.SignedNote;
import dev.migrationledger.service.config.LedgerProperties;
import dev.migrationledger.service.eventstore.StoredEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Appends one processor batch of stored events to the log. It runs inside the log processor's
 * transaction, the one that also advances its token, so a batch's leaves, completed subtrees, checkpoint,
 * receipts and the processor's position commit together or not at all: a redelivered event finds its leaf
 * and is skipped, and an event can never be appended out of order or twice.
 *
 * <p>The log's right border is kept in memory ({@link CompactRange}), so a batch costs a fixed handful of
 * statements whatever its size: the lock, the log's size, the delivered rows, the facts' evidence and one
 * write. The border is only trusted while the stored log still has the size it had when this instance
 * last committed; any other size (first batch, another instance appended, a rollback) reloads it.
 */
@Component
public class LogAppender {

    /** pg_advisory_xact_lock key serializing appends and checkpoints across instances. */
    static final long APPEND_LOCK = 7341002L;

    private final JdbcTemplate jdbc;
    private final LeafTable leaves;
    private final LogKeys keys;
    private final ReceiptService receipts;
    private final CheckpointIssuer checkpoints;
    private final ProjectHistories histories;
    private final String origin;
    /** The border as of this instance's last committed batch; replaced only after a commit. */
    private final AtomicReference<CompactRange> border = new AtomicReference<>();

    public LogAppender(JdbcTemplate jdbc, LeafTable leaves, LogKeys keys, ReceiptService receipts,
                       CheckpointIssuer checkpoints, ProjectHistories histories, LedgerProperties properties) {
        this.jdbc = jdbc;
        this.leaves = leaves;
        this.keys = keys;
        this.receipts = receipts;
        this.checkpoints = checkpoints;
        this.histories = histories;
        this.origin = properties.origin();
    }

    /**
     * Appends the events delivered with these identifiers, in delivery order, skipping those already
     * logged; signs one checkpoint of the new size and stores the receipts of the batch's facts.
     *
     * @return the number of leaves appended
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int append(List<String> eventIds) {
        jdbc.queryForList("SELECT pg_advisory_xact_lock(?)", APPEND_LOCK);
        long size = leaves.size();
        List<StoredEvent> fresh = leaves.unlogged(eventIds);
        if (fresh.isEmpty()) {
            return 0;
        }
        CompactRange before = borderAt(size);
        List<LeafTable.Leaf> batch = new ArrayList<>(fresh.size());
        for (StoredEvent row : fresh) {
            byte[] leaf = row.leafFields(origin).encode();
            batch.add(new LeafTable.Leaf(size + batch.size(), row.globalIndex(), leaf, MerkleTree.leafHash(leaf)));
        }
        CompactRange.Appended appended = before.append(batch.stream().map(LeafTable.Leaf::leafHash).toList());
        CompactRange after = appended.after();
        LogSigningKey key = keys.current();
        SignedNote note = SignedNote.sign(new Checkpoint(origin, after.size(), after.root()).body(), key);
        StoredCheckpoint checkpoint = new StoredCheckpoint(after.size(), after.root(), note.serialize(),
                key.publicKey().keyIdHex(), Instant.now());
        List<LeafTable.ReceiptRow> issued = receipts.forBatch(fresh, batch, appended, new DatabaseLeafHashes(leaves, size), note);
        leaves.write(batch, appended.completed(), checkpoint, issued);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                border.set(after);
            }
        });
        return batch.size();
    }

    /**
     * The border of the stored log of {@code size} leaves. Reloaded from the tables, it is checked against
     * the newest checkpoint first, so a corrupted leaf or subtree row stops the log instead of being signed.
     */
    private CompactRange borderAt(long size) {
        CompactRange known = border.get();
        if (known != null && known.size() == size) {
            return known;
        }
        histories.clear();
        DatabaseLeafHashes stored = new DatabaseLeafHashes(leaves, size);
        CompactRange loaded = CompactRange.of(stored, size);
        StoredCheckpoint last = checkpoints.latest();
        if (last != null) {
            if (last.treeSize() > size) {
                throw new IllegalStateException("the log has " + size + " leaves but a checkpoint of "
                        + last.treeSize() + " was signed: leaves were removed");
            }
            boolean consistent = last.treeSize() == size ? Arrays.equals(loaded.root(), last.rootHash())
                    : consistent(stored, last, loaded.root());
            if (!consistent) {
                throw new IllegalStateException("refusing to extend the log of size " + size
                        + ": it is not consistent with the checkpoint of size " + last.treeSize());
            }
        }
        return loaded;
    }

    private static boolean consistent(DatabaseLeafHashes stored, StoredCheckpoint last, byte[] root) {
        ConsistencyProof proof = MerkleTree.consistencyProof(stored, last.treeSize(), stored.size());
        return proof.verify(last.rootHash(), root);
    }
}
