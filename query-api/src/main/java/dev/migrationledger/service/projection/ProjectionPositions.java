package dev.migrationledger.service.projection;

import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The {@code projection_position} table: the last global index each processing group applied.
 * Handlers advance it in the transaction that writes their rows, so a redelivered event — a replay
 * without a reset, a batch retried after a crash between handling and the token update — changes
 * nothing. This is sound because each projection group runs in one segment (application.yml), so
 * its events arrive in global order.
 */
@Component
public class ProjectionPositions {

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

    /** Records {@code index} as applied; false when it (or a later event) was applied before. */
    public boolean advance(String processor, long index) {
        return jdbc.update("""
                INSERT INTO projection_position (processor, last_index) VALUES (?, ?)
                ON CONFLICT (processor) DO UPDATE SET last_index = EXCLUDED.last_index
                WHERE projection_position.last_index < EXCLUDED.last_index""", processor, index) == 1;
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
}
