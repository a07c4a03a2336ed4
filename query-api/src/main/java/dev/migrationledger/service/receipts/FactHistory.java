package dev.migrationledger.service.receipts;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationledger.ledger.api.ApprovalRevoked;
import dev.migrationledger.ledger.api.BackupVerified;
import dev.migrationledger.ledger.api.ExecutionAuthorized;
import dev.migrationledger.ledger.api.MigrationApplied;
import dev.migrationledger.ledger.api.MigrationApproved;
import dev.migrationledger.ledger.api.MigrationFailed;
import dev.migrationledger.ledger.api.MigrationPlanned;
import dev.migrationledger.ledger.api.MigrationReplanned;
import dev.migrationledger.ledger.api.MigrationRolledBack;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The events of one project that a receipt can rely on, read from the event table as stored and decoded
 * with Axon's own mapper (the one that wrote them). Reading the rows, rather than a projection, keeps the
 * receipt tied to the exact bytes its leaves commit to.
 */
@Component
public class FactHistory {

    /** A stored row and its decoded event. */
    public record Recorded(StoredEvent row, Object event) {
    }

    private static final Map<String, Class<?>> TYPES = Stream.of(MigrationPlanned.class, MigrationReplanned.class,
                    MigrationApproved.class, ApprovalRevoked.class, BackupVerified.class, ExecutionAuthorized.class,
                    MigrationApplied.class, MigrationFailed.class, MigrationRolledBack.class)
            .collect(Collectors.toMap(Class::getName, Function.identity()));

    private static final String TYPE_LIST = TYPES.keySet().stream().map(t -> "'" + t + "'").collect(Collectors.joining(", "));

    private final JdbcTemplate jdbc;
    private final ObjectMapper axonMapper;

    public FactHistory(JdbcTemplate jdbc, @Qualifier("defaultAxonObjectMapper") ObjectMapper axonMapper) {
        this.jdbc = jdbc;
        this.axonMapper = axonMapper;
    }

    /** The project's receipt-relevant events, in global order. */
    public List<Recorded> of(String project) {
        return jdbc.query("SELECT " + StoredEvent.COLUMNS + " FROM domain_event_entry WHERE aggregate_identifier = ? "
                        + "AND payload_type IN (" + TYPE_LIST + ") ORDER BY global_index",
                (rs, n) -> decode(StoredEvent.read(rs)), project);
    }

    private Recorded decode(StoredEvent row) {
        try {
            return new Recorded(row, axonMapper.readValue(row.payload(), TYPES.get(row.payloadType())));
        } catch (IOException e) {
            // A payload that no longer decodes was edited in place; its receipt would not verify anyway.
            throw new UncheckedIOException("event " + row.globalIndex() + " no longer decodes as " + row.payloadType(), e);
        }
    }
}
