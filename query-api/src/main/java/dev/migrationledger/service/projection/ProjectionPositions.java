package dev.migrationledger.service.projection;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Array;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The {@code projection_position} table: for each processing group, the highest global index applied
 * and the indexes below it not applied yet (gaps). Handlers advance it in the transaction that writes
 * their rows, so a redelivered event — a replay without a reset, a batch retried after a crash between
 * handling and the token update — changes nothing, while an event that committed late, below the mark,
 * is still applied: a global index is taken at insert and becomes visible at commit, so with concurrent
 * writers (several requests, several instances) a lower index can arrive after a higher one.
 * A late event cannot be told by its token: a gap-aware token's position is the highest index seen,
 * not the index of the event it comes with; so an event at or below the mark is looked up by its id.
 * Each projection group runs in one segment (application.yml), so one row per group sees the whole
 * stream. Gaps Axon stops waiting for (its token drops them after the gap timeout; most are inserts
 * that rolled back) are dropped here too, so the list is never longer than the token's own.
 */
@Component
public class ProjectionPositions {

    /** Without a gap-aware token (never in this service) at most this many missing indexes are remembered. */
    private static final int MAX_GAP_RANGE = 10_000;
    private static final String POSITION = ProjectionPositions.class.getName() + ".";

    private final JdbcTemplate jdbc;

    public ProjectionPositions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The global index of the event a handler was given, ReplayTokens unwrapped. */
    public static long globalIndex(TrackingToken token) {
        if (token == null) {
            throw new IllegalStateException("projections run in streaming processors; an event came without a token");
        }
        return token.position().orElseThrow(() -> new IllegalStateException("a token without a position: " + token));
    }

    /**
     * Records the event with {@code eventId} that carries {@code token} as applied, and returns its
     * global index; empty when it was applied before.
     */
    public OptionalLong advance(String processor, TrackingToken token, String eventId) {
        long head = globalIndex(token);
        Optional<SortedSet<Long>> waiting = WrappedToken.unwrap(token, GapAwareTrackingToken.class)
                .map(GapAwareTrackingToken::getGaps);
        Position position = position(processor);
        // above the mark the token's position is the event's index; at or below it, a late commit or a redelivery
        long index = head > position.last ? head : indexOf(eventId);
        boolean apply;
        if (index > position.last) {
            if (waiting.isPresent()) {
                position.gaps.addAll(waiting.get().subSet(position.last + 1, index));
            } else {
                for (long missing = Math.max(position.last + 1, index - MAX_GAP_RANGE); missing < index; missing++) {
                    position.gaps.add(missing);
                }
            }
            position.last = index;
            apply = true;
        } else {
            apply = position.gaps.remove(index);
        }
        waiting.ifPresent(axonWaitsFor -> position.gaps.removeIf(gap -> gap < index && !axonWaitsFor.contains(gap)));
        return apply ? OptionalLong.of(index) : OptionalLong.empty();
    }

    /** A group's mark and gaps while its batch runs. */
    private static final class Position {
        long last;
        TreeSet<Long> gaps;

        Position(long last, TreeSet<Long> gaps) {
            this.last = last;
            this.gaps = gaps;
        }
    }

    /**
     * The group's position, read (and locked) once per processor batch and written once when the batch's
     * transaction prepares to commit: per event it was a locking read and an upsert, two round trips of the
     * three or four an event costs a read model. The batch is one transaction, so a batch rolled back
     * leaves the row as it was, and the next batch reads it again.
     */
    private Position position(String processor) {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(POSITION + processor, key -> {
            List<Position> rows = jdbc.query("SELECT last_index, gaps FROM projection_position WHERE processor = ? FOR UPDATE",
                    (rs, n) -> new Position(rs.getLong(1), read(rs.getArray(2))), processor);
            Position position = rows.isEmpty() ? new Position(-1, new TreeSet<>()) : rows.get(0);
            batch.onPrepareCommit(u -> write(processor, position));
            return position;
        });
    }

    private void write(String processor, Position position) {
        Long[] stillMissing = position.gaps.toArray(Long[]::new);
        jdbc.update(con -> {
            var ps = con.prepareStatement("INSERT INTO projection_position (processor, last_index, gaps) VALUES (?, ?, ?) "
                    + "ON CONFLICT (processor) DO UPDATE SET last_index = EXCLUDED.last_index, gaps = EXCLUDED.gaps");
            ps.setString(1, processor);
            ps.setLong(2, position.last);
            ps.setArray(3, con.createArrayOf("bigint", stillMissing));
            return ps;
        });
    }

    private long indexOf(String eventId) {
        Long index = jdbc.queryForObject("SELECT global_index FROM domain_event_entry WHERE event_identifier = ?",
                Long.class, eventId);
        if (index == null) {
            throw new IllegalStateException("event " + eventId + " was delivered but is not in the event store");
        }
        return index;
    }

    /** The last index applied, or -1 before the first event. */
    public long lastIndex(String processor) {
        List<Long> rows = jdbc.queryForList("SELECT last_index FROM projection_position WHERE processor = ?",
                Long.class, processor);
        return rows.isEmpty() ? -1 : rows.get(0);
    }

    public void forget(String processor) {
        jdbc.update("DELETE FROM projection_position WHERE processor = ?", processor);
    }

    private static TreeSet<Long> read(Array array) throws SQLException {
        return new TreeSet<>(Arrays.asList((Long[]) array.getArray()));
    }
}
