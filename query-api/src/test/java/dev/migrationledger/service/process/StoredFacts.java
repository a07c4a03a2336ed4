package dev.migrationledger.service.process;

import dev.migrationledger.ledger.testing.TestPostgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the event store itself holds, read with plain SQL past the service: the ground truth the
 * process tests compare the clients' acknowledgements and the read models with.
 */
final class StoredFacts {

    private final TestPostgres.Database database;

    StoredFacts(TestPostgres.Database database) {
        this.database = database;
    }

    /**
     * SPEC R9 after the storm: every answer was a 2xx or a 503 with Retry-After, every acknowledged fact
     * is stored exactly once, nothing is stored twice, no batch in part. Returns what is stored.
     */
    Map<String, Long> assertKeepsEveryAcknowledgedFactOnce(FactLoad load) {
        assertThat(load.unexpected).as("answers other than 2xx or 503 + Retry-After").isEmpty();
        Map<String, Long> stored = appliedPerExecutionId();
        assertThat(load.acknowledged).isNotEmpty();
        assertThat(load.acknowledged.keySet()).allSatisfy(id -> assertThat(stored.get(id)).as(id).isEqualTo(1L));
        assertThat(stored.values()).as("no fact recorded twice").allMatch(n -> n == 1L);
        assertThat(load.partiallyStored(stored)).as("batches stored in part").isEmpty();
        assertThat(duplicateSequenceNumbers()).isZero();
        return stored;
    }

    /** MigrationApplied events per executionId: R9 says every value is exactly 1. */
    Map<String, Long> appliedPerExecutionId() {
        return countBy("SELECT convert_from(payload, 'UTF8')::jsonb ->> 'executionId', count(*) FROM domain_event_entry "
                + "WHERE payload_type = 'dev.migrationledger.ledger.api.MigrationApplied' GROUP BY 1");
    }

    /** MigrationApplied events per project and environment ("project/environment"). */
    Map<String, Long> appliedPerEnvironment() {
        return countBy("SELECT (convert_from(payload, 'UTF8')::jsonb ->> 'project') || '/' "
                + "|| (convert_from(payload, 'UTF8')::jsonb ->> 'environment'), count(*) FROM domain_event_entry "
                + "WHERE payload_type = 'dev.migrationledger.ledger.api.MigrationApplied' GROUP BY 1");
    }

    long events() {
        return countBy("SELECT 'all', count(*) FROM domain_event_entry").getOrDefault("all", 0L);
    }

    /** Whether two events of one aggregate ever share a sequence number (the unique key forbids it). */
    long duplicateSequenceNumbers() {
        return countBy("SELECT 'dup', count(*) FROM (SELECT aggregate_identifier, sequence_number FROM domain_event_entry "
                + "GROUP BY 1, 2 HAVING count(*) > 1) d").getOrDefault("dup", 0L);
    }

    /** Owners of the processor segments: "processor/segment" → owner (null when unclaimed). */
    Map<String, String> segmentOwners() {
        Map<String, String> owners = new HashMap<>();
        query("SELECT processor_name || '/' || segment, owner FROM token_entry", rs -> owners.put(rs.getString(1), rs.getString(2)));
        return owners;
    }

    /** Ends every session of the service on its database, as a DBA or a failover would (needs a superuser). */
    int terminateServiceConnections() {
        Map<String, Long> n = countBy("SELECT 'n', count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                + "WHERE datname = '" + database.name() + "' AND pid <> pg_backend_pid()");
        return n.getOrDefault("n", 0L).intValue();
    }

    private Map<String, Long> countBy(String sql) {
        Map<String, Long> counts = new HashMap<>();
        query(sql, rs -> counts.put(rs.getString(1), rs.getLong(2)));
        return counts;
    }

    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(String sql, Row row) {
        try (Connection c = database.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                row.read(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
