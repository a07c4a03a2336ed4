package dev.migrationledger.service.web;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The global index of a project's newest stored event. Write responses carry it as
 * {@code lastIndex}, so a client can read its own writes with {@code ?minIndex=}.
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
}
