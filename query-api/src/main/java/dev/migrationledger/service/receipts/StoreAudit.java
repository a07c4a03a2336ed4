package dev.migrationledger.service.receipts;

import dev.migrationledger.ledger.integrity.Checkpoint;
import dev.migrationledger.ledger.integrity.MerkleTree;
import dev.migrationledger.ledger.integrity.SignedNote;
import dev.migrationledger.service.config.LedgerProperties;
import dev.migrationledger.service.eventstore.StoredEvent;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import javax.sql.DataSource;

/**
 * The store audit of SPEC §6 ({@code GET /log/audit}): walks the event table and the leaf table side by
 * side, recomputes every leaf from the stored row and compares it with the logged leaf, then recomputes the
 * tree root at every stored checkpoint from the (now vouched-for) leaves and compares it with the signed root. A superuser who edits,
 * deletes or reorders events (or the leaves too) is found at the first index that disagrees.
 *
 * <p>The tables are read through server-side cursors (fetch size, no autocommit), and the root is folded
 * from a stack of at most log2(n) perfect subtrees, so memory stays flat for millions of events.
 */
@Component
public class StoreAudit {

    /** {@code firstMismatchIndex} is null when every leaf and every checkpoint agreed. */
    public record Report(boolean ok, long checked, Long firstMismatchIndex, String detail) {
    }

    private static final int FETCH = 5_000;

    private final DataSource dataSource;
    private final CheckpointIssuer checkpoints;
    private final LogKeys keys;
    private final String origin;

    public StoreAudit(DataSource dataSource, CheckpointIssuer checkpoints, LogKeys keys, LedgerProperties properties) {
        this.dataSource = dataSource;
        this.checkpoints = checkpoints;
        this.keys = keys;
        this.origin = properties.origin();
    }

    public Report run() {
        List<StoredCheckpoint> signed = checkpoints.all();
        try (Connection first = dataSource.getConnection(); Connection second = dataSource.getConnection()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            try {
                Report rows = compareRows(first, second);
                return rows != null ? rows : foldRoots(first, signed);
            } finally {
                first.rollback();
                second.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the store audit could not read the tables: " + e.getMessage(), e);
        }
    }

    /**
     * Pass 1: events and leaves side by side in global-index order (both are indexed on it), each leaf
     * recomputed from its row. Leaves follow Axon's delivery order, which is global order except for late
     * commits, so every disagreement is collected and the lowest leaf index reported.
     */
    private Report compareRows(Connection eventsConnection, Connection leavesConnection) throws SQLException {
        try (PreparedStatement eventQuery = cursor(eventsConnection,
                "SELECT " + StoredEvent.COLUMNS + " FROM domain_event_entry ORDER BY global_index");
             PreparedStatement leafQuery = cursor(leavesConnection,
                     "SELECT leaf_index, global_index, leaf_hash FROM log_leaf ORDER BY global_index");
             ResultSet events = eventQuery.executeQuery(); ResultSet leaves = leafQuery.executeQuery()) {
            Long worst = null;
            String detail = null;
            boolean eventRow = events.next();
            while (leaves.next()) {
                long leafIndex = leaves.getLong(1);
                long leafGlobal = leaves.getLong(2);
                String problem = null;
                while (eventRow && events.getLong(1) < leafGlobal) {
                    problem = "event " + events.getLong(1) + " is in the store but not in the log";
                    eventRow = events.next();
                }
                if (problem == null) {
                    if (!eventRow || events.getLong(1) > leafGlobal) {
                        problem = "leaf " + leafIndex + " commits to event " + leafGlobal + ", which is gone";
                    } else {
                        byte[] recomputed = MerkleTree.leafHash(StoredEvent.read(events).leafFields(origin).encode());
                        if (!Arrays.equals(recomputed, leaves.getBytes(3))) {
                            problem = "event " + leafGlobal + " no longer matches leaf " + leafIndex;
                        }
                        eventRow = events.next();
                    }
                }
                if (problem != null && (worst == null || leafIndex < worst)) {
                    worst = leafIndex;
                    detail = problem;
                }
            }
            return worst == null ? null : new Report(false, worst, worst, detail);
        }
    }

    /** Pass 2: the leaves in log order, folded into the root at every signed checkpoint size. */
    private Report foldRoots(Connection connection, List<StoredCheckpoint> signed) throws SQLException {
        Iterator<StoredCheckpoint> pending = signed.iterator();
        StoredCheckpoint next = pending.hasNext() ? pending.next() : null;
        Deque<byte[]> stack = new ArrayDeque<>();
        long verifiedUpTo = 0;
        long index = 0;
        try (PreparedStatement query = cursor(connection, "SELECT leaf_index, leaf_hash FROM log_leaf ORDER BY leaf_index");
             ResultSet leaves = query.executeQuery()) {
            while (leaves.next()) {
                if (leaves.getLong(1) != index) {
                    return mismatch(index, "leaf " + index + " is missing from the leaf table");
                }
                push(stack, leaves.getBytes(2), index);
                index++;
                while (next != null && next.treeSize() == index) {
                    String problem = checkpointProblem(next, stack);
                    if (problem != null) {
                        // The leaf table was edited along with the events: the signed root is what remains true.
                        return mismatch(verifiedUpTo, problem);
                    }
                    verifiedUpTo = index;
                    next = pending.hasNext() ? pending.next() : null;
                }
            }
        }
        if (next != null) {
            return mismatch(index, "a checkpoint of size " + next.treeSize() + " was signed but the log has " + index + " leaves");
        }
        return new Report(true, index, null, null);
    }

    private static PreparedStatement cursor(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setFetchSize(FETCH);
        return statement;
    }

    private String checkpointProblem(StoredCheckpoint stored, Deque<byte[]> stack) {
        try {
            SignedNote note = SignedNote.parse(stored.note());
            Checkpoint checkpoint = Checkpoint.parse(note.text());
            var key = keys.publicKey(stored.keyId());
            if (key == null || !note.verify(key)) {
                return "the checkpoint of size " + stored.treeSize() + " is not signed by a log key";
            }
            if (!Arrays.equals(checkpoint.rootHash(), root(stack))) {
                return "the events up to size " + stored.treeSize() + " do not lead to the signed root";
            }
            return null;
        } catch (IllegalArgumentException e) {
            return "the checkpoint of size " + stored.treeSize() + " is unreadable: " + e.getMessage();
        }
    }

    /** Folds leaf {@code index} into the stack of perfect subtrees (the binary representation of index + 1). */
    private static void push(Deque<byte[]> stack, byte[] leafHash, long index) {
        byte[] node = leafHash;
        for (long n = index; (n & 1) == 1; n >>= 1) {
            node = MerkleTree.nodeHash(stack.pop(), node);
        }
        stack.push(node);
    }

    /** RFC 9162 root of the leaves pushed so far: the perfect subtrees hashed together right to left. */
    private static byte[] root(Deque<byte[]> stack) {
        Iterator<byte[]> fromRight = stack.iterator();
        byte[] root = fromRight.next();
        while (fromRight.hasNext()) {
            root = MerkleTree.nodeHash(fromRight.next(), root);
        }
        return root;
    }

    private static Report mismatch(long index, String detail) {
        return new Report(false, index, index, detail);
    }
}
