package dev.migrationledger.service.eventstore;

import dev.migrationledger.ledger.api.AuthorizationResult;
import dev.migrationledger.ledger.api.AuthorizeExecution;
import dev.migrationledger.ledger.api.ProjectRegistered;
import dev.migrationledger.ledger.api.VerifyBackup;
import dev.migrationledger.service.LedgerIntegrationTest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventStoreIntegrationTest extends LedgerIntegrationTest {

    @Autowired
    CommandGateway commands;
    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    dev.migrationledger.service.config.AggregateCache aggregates;

    /** The cache is bounded by what projects hold, read from the entries Axon really caches. */
    @Test
    void theAggregateCacheWeighsAProjectByWhatItsStateHolds() {
        commands.sendAndWait(Fixtures.project("weighed"));
        long registered = aggregates.weight();
        String[] versions = java.util.stream.IntStream.rangeClosed(1, 200).mapToObj(Integer::toString)
                .toArray(String[]::new);
        commands.sendAndWait(Fixtures.plan("weighed", versions));

        assertThat(aggregates.weight()).as("200 planned versions, each also unapplied per environment")
                .isGreaterThanOrEqualTo(registered + 400);
    }

    @Test
    void commandsAreStoredAsJacksonJsonInBytea() {
        commands.sendAndWait(Fixtures.project("stored-format"));
        commands.sendAndWait(Fixtures.plan("stored-format", "1", "1.1"));

        List<String> types = jdbc.queryForList("SELECT payload_type FROM domain_event_entry "
                + "WHERE aggregate_identifier = 'stored-format' ORDER BY sequence_number", String.class);
        assertThat(types).containsExactly("dev.migrationledger.ledger.api.ProjectRegistered",
                "dev.migrationledger.ledger.api.MigrationPlanned", "dev.migrationledger.ledger.api.MigrationPlanned");
        String column = jdbc.queryForObject("SELECT pg_typeof(payload)::text FROM domain_event_entry LIMIT 1", String.class);
        assertThat(column).isEqualTo("bytea");
        byte[] payload = jdbc.queryForObject("SELECT payload FROM domain_event_entry "
                + "WHERE aggregate_identifier = 'stored-format' AND sequence_number = 0", byte[].class);
        assertThat(new String(payload, java.nio.charset.StandardCharsets.UTF_8))
                .startsWith("{").contains("\"project\":\"stored-format\"").contains("\"recordedAt\":\"");
    }

    @Test
    void authorizationThroughTheGatewayJudgesAgainstStoredState() {
        commands.sendAndWait(Fixtures.project("gateway"));
        commands.sendAndWait(Fixtures.plan("gateway", "1", "2"));

        AuthorizationResult result = commands.sendAndWait(
                new AuthorizeExecution("gateway", "staging", "run-1", List.of("1", "2"), null, null, "ci-bot"));

        assertThat(result.authorized()).isEmpty();
        assertThat(result.denied()).singleElement()
                .satisfies(d -> assertThat(d.reasons()).extracting(r -> r.code().name()).contains("NOT_PROMOTED"));
    }

    @Test
    void updatingAStoredEventIsRefusedByPostgres() {
        commands.sendAndWait(Fixtures.project("no-update"));

        assertThatThrownBy(() -> jdbc.update("UPDATE domain_event_entry SET payload_type = 'x' "
                + "WHERE aggregate_identifier = 'no-update'"))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
    }

    @Test
    void deletingOrTruncatingStoredEventsIsRefusedByPostgres() {
        commands.sendAndWait(Fixtures.project("no-delete"));

        assertThatThrownBy(() -> jdbc.update("DELETE FROM domain_event_entry WHERE aggregate_identifier = 'no-delete'"))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.execute("TRUNCATE domain_event_entry"))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = 'no-delete'",
                Long.class)).isEqualTo(1);
    }

    @Test
    void aDuplicateSequenceNumberSurfacesAsConcurrencyException() {
        commands.sendAndWait(Fixtures.project("race"));
        commands.sendAndWait(Fixtures.plan("race", "1"));
        Instant now = Instant.now();
        var competing = new GenericDomainEventMessage<>("ProjectAggregate", "race", 1,
                new ProjectRegistered("race", List.of(), now, now, "intruder"));

        assertThatThrownBy(() -> eventStore.publish(competing)).isInstanceOf(ConcurrencyException.class);
    }

    @Test
    void twoThreadsWritingToOneProjectLoseAndDuplicateNothing() throws Exception {
        commands.sendAndWait(Fixtures.project("busy"));
        int perThread = 25;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Object>> results = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            int thread = t;
            results.add(pool.submit((Callable<Object>) () -> {
                for (int i = 0; i < perThread; i++) {
                    commands.sendAndWait(new VerifyBackup("busy", "prod", "b-" + thread + "-" + i, "s3://backups/" + i,
                            Instant.now().minusSeconds(60), 7, true, "dba-" + thread));
                }
                return null;
            }));
        }
        for (Future<Object> f : results) {
            f.get();
        }
        pool.shutdown();

        List<Long> sequence = jdbc.queryForList("SELECT sequence_number FROM domain_event_entry "
                + "WHERE aggregate_identifier = 'busy' ORDER BY sequence_number", Long.class);
        assertThat(sequence).hasSize(1 + 2 * perThread);
        for (int i = 0; i < sequence.size(); i++) {
            assertThat(sequence.get(i)).isEqualTo(i);
        }
    }
}
