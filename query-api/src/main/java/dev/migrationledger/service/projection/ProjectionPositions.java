package dev.migrationledger.service.projection;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
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
        List<Object[]> rows = jdbc.query("SELECT last_index, gaps FROM projection_position WHERE processor = ? FOR UPDATE",
                (rs, n) -> new Object[]{rs.getLong(1), read(rs.getArray(2))}, processor);
        long last = rows.isEmpty() ? -1 : (Long) rows.get(0)[0];
        // above the mark the token's position is the event's index; at or below it, a late commit or a redelivery
        long index = head > last ? head : indexOf(eventId);
        @SuppressWarnings("unchecked")
        TreeSet<Long> gaps = rows.isEmpty() ? new TreeSet<>() : (TreeSet<Long>) rows.get(0)[1];
        boolean apply;
        if (index > last) {
            if (waiting.isPresent()) {
                gaps.addAll(waiting.get().subSet(last + 1, index));
            } else {
                for (long missing = Math.max(last + 1, index - MAX_GAP_RANGE); missing < index; missing++) {
                    gaps.add(missing);
                }
            }
            last = index;
            apply = true;
        } else {
            apply = gaps.remove(index);
        }
        waiting.ifPresent(axonWaitsFor -> gaps.removeIf(gap -> gap < index && !axonWaitsFor.contains(gap)));
        Long[] stillMissing = gaps.toArray(Long[]::new);
        long highest = last;
        jdbc.update(con -> {
            var ps = con.prepareStatement("INSERT INTO projection_position (processor, last_index, gaps) VALUES (?, ?, ?) "
                    + "ON CONFLICT (processor) DO UPDATE SET last_index = EXCLUDED.last_index, gaps = EXCLUDED.gaps");
            ps.setString(1, processor);
            ps.setLong(2, highest);
            ps.setArray(3, con.createArrayOf("bigint", stillMissing));
            return ps;
        });
        return apply ? OptionalLong.of(index) : OptionalLong.empty();
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
