package dev.migrationledger.service.eventstore;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Global indexes read from Axon's event table, here so that the web layer runs no SQL on Axon's tables: a
 * project's newest event (write responses carry it as {@code lastIndex}, so a client can read its own writes
 * with {@code ?minIndex=}) and the store's newest ({@code Ledger-Consistency: head}).
 */
@Component
public class LedgerIndex {

    private final JdbcTemplate jdbc;

    public LedgerIndex(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long lastIndexOf(String project) {
        Long index = jdbc.query("SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ? "
                        + "ORDER BY sequence_number DESC LIMIT 1",
                rs -> rs.next() ? rs.getLong(1) : null, project);
        return index == null ? -1 : index;
    }

    /** The newest global index committed in the whole store; 0 when it is empty. */
    public long head() {
        Long index = jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
        return index == null ? 0 : index;
    }
}
