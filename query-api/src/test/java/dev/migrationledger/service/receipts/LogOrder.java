package dev.migrationledger.service.receipts;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** What "never skips, never duplicates" means for the leaf table, checked against the event table. */
final class LogOrder {

    private LogOrder() {
    }

    static long events(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    static long leaves(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT count(*) FROM log_leaf", Long.class);
    }

    /**
     * Every stored event has exactly one leaf, leaf indexes are 0..n-1, and leaves follow global order
     * except where an event committed after a higher global index (it is logged when it commits).
     */
    static void assertEveryEventLoggedOnce(JdbcTemplate jdbc) {
        List<Long> globals = jdbc.queryForList("SELECT global_index FROM domain_event_entry ORDER BY global_index", Long.class);
        List<Long> leafGlobals = jdbc.queryForList("SELECT global_index FROM log_leaf ORDER BY leaf_index", Long.class);
        List<Long> leafIndexes = jdbc.queryForList("SELECT leaf_index FROM log_leaf ORDER BY leaf_index", Long.class);
        assertThat(leafGlobals).hasSameSizeAs(globals).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(globals);
        assertThat(leafIndexes).isEqualTo(LongStream.range(0, globals.size()).boxed().toList());
    }

    /** Leaf i is the i-th stored event in global order, for every i (one writer at a time: no late commits). */
    static void assertLeavesFollowEvents(JdbcTemplate jdbc) {
        List<Long> globals = jdbc.queryForList("SELECT global_index FROM domain_event_entry ORDER BY global_index", Long.class);
        List<Long> leafGlobals = jdbc.queryForList("SELECT global_index FROM log_leaf ORDER BY leaf_index", Long.class);
        List<Long> leafIndexes = jdbc.queryForList("SELECT leaf_index FROM log_leaf ORDER BY leaf_index", Long.class);
        assertThat(leafGlobals).isEqualTo(globals);
        assertThat(leafIndexes).isEqualTo(LongStream.range(0, globals.size()).boxed().toList());
    }
}
