package dev.migrationledger.service.receipts;

import dev.migrationledger.ledger.integrity.Checkpoint;
import dev.migrationledger.ledger.integrity.ConsistencyProof;
import dev.migrationledger.ledger.integrity.LogSigningKey;
import dev.migrationledger.ledger.integrity.MerkleTree;
import dev.migrationledger.ledger.integrity.SignedNote;
import dev.migrationledger.service.config.LedgerProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Signs C2SP checkpoints of the log (SPEC §6) on request. The log signs one itself with every batch it
 * appends ({@link LogAppender}), so this only signs when asked (or on the schedule) for a log that grew
 * without one. Never two inconsistent ones: issuing takes the appender's advisory lock, so appends and
 * instances take turns; a new checkpoint is never smaller than the last; and before signing, the new root
 * is proven consistent with the last signed root, so a corrupted leaf or subtree row stops issuance
 * instead of being signed.
 */
@Component
public class CheckpointIssuer {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final LeafTable leaves;
    private final LogKeys keys;
    private final String origin;

    public CheckpointIssuer(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, LeafTable leaves,
                            LogKeys keys, LedgerProperties properties) {
        this.jdbc = jdbc;
        // Its own transaction even when called from a processor's: the lock is released and the checkpoint
        // visible as soon as it is signed, not when the caller's batch commits.
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.leaves = leaves;
        this.keys = keys;
        this.origin = properties.origin();
    }

    /** The newest checkpoint, or null before the first. */
    public StoredCheckpoint latest() {
        List<StoredCheckpoint> rows = jdbc.query("SELECT tree_size, root_hash, note, key_id, created_at FROM log_checkpoint "
                + "ORDER BY tree_size DESC LIMIT 1", (rs, n) -> new StoredCheckpoint(rs.getLong(1), rs.getBytes(2),
                rs.getString(3), rs.getString(4), rs.getObject(5, OffsetDateTime.class).toInstant()));
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** Every stored checkpoint, oldest first (for the store audit). */
    public List<StoredCheckpoint> all() {
        return jdbc.query("SELECT tree_size, root_hash, note, key_id, created_at FROM log_checkpoint ORDER BY tree_size",
                (rs, n) -> new StoredCheckpoint(rs.getLong(1), rs.getBytes(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class).toInstant()));
    }

    /** Signs a checkpoint of the whole log if it grew since the last one; returns the newest checkpoint. */
    public StoredCheckpoint issue() {
        return transactions.execute(tx -> {
            jdbc.queryForList("SELECT pg_advisory_xact_lock(?)", LogAppender.APPEND_LOCK);
            StoredCheckpoint last = latest();
            long size = leaves.size();
            if (size == 0 || (last != null && size == last.treeSize())) {
                return last;
            }
            if (last != null && size < last.treeSize()) {
                throw new IllegalStateException("the log has " + size + " leaves but a checkpoint of "
                        + last.treeSize() + " was signed: leaves were removed");
            }
            DatabaseLeafHashes tree = new DatabaseLeafHashes(leaves, size);
            byte[] root = MerkleTree.root(tree, size);
            if (last != null) {
                ConsistencyProof proof = MerkleTree.consistencyProof(tree, last.treeSize(), size);
                if (!proof.verify(last.rootHash(), root)) {
                    throw new IllegalStateException("refusing to sign size " + size + ": it is not consistent with the "
                            + "checkpoint of size " + last.treeSize());
                }
            }
            LogSigningKey key = keys.current();
            String note = SignedNote.sign(new Checkpoint(origin, size, root).body(), key).serialize();
            Instant now = Instant.now();
            jdbc.update("INSERT INTO log_checkpoint (tree_size, root_hash, note, key_id, created_at) VALUES (?, ?, ?, ?, ?)",
                    size, root, note, key.publicKey().keyIdHex(), now.atOffset(ZoneOffset.UTC));
            return new StoredCheckpoint(size, root, note, key.publicKey().keyIdHex(), now);
        });
    }

    /** A checkpoint that includes leaf {@code leafIndex}, issuing one now if none does yet. */
    public StoredCheckpoint covering(long leafIndex) {
        StoredCheckpoint last = latest();
        if (last != null && last.treeSize() > leafIndex) {
            return last;
        }
        StoredCheckpoint issued = issue();
        if (issued == null || issued.treeSize() <= leafIndex) {
            throw new IllegalStateException("leaf " + leafIndex + " is not in the log yet");
        }
        return issued;
    }

    /**
     * The checkpoint as signed by the current key. After a rotation the newest stored checkpoint may carry
     * the retired key's signature; the same body signed by the current key is the same checkpoint (same size,
     * same root), so receipts can always be issued under the current key.
     */
    public SignedNote signedByCurrentKey(StoredCheckpoint checkpoint) {
        SignedNote stored = SignedNote.parse(checkpoint.note());
        LogSigningKey key = keys.current();
        return stored.verify(key.publicKey()) ? stored : SignedNote.sign(stored.text(), key);
    }
}
