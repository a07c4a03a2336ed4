package dev.migrationledger.service.receipts;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationledger.ledger.api.ApprovalRevoked;
import dev.migrationledger.ledger.api.BackupVerified;
import dev.migrationledger.ledger.api.ChangeReviewed;
import dev.migrationledger.ledger.api.ExecutionAuthorized;
import dev.migrationledger.ledger.api.LedgerEvent;
import dev.migrationledger.ledger.api.MigrationApplied;
import dev.migrationledger.ledger.api.MigrationApproved;
import dev.migrationledger.ledger.api.MigrationFailed;
import dev.migrationledger.ledger.api.MigrationPlanned;
import dev.migrationledger.ledger.api.MigrationReplanned;
import dev.migrationledger.ledger.api.MigrationRolledBack;
import dev.migrationledger.service.eventstore.StoredEvent;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
    public record Recorded(StoredEvent row, LedgerEvent event) {
    }

    private static final Map<String, Class<? extends LedgerEvent>> TYPES = Stream.<Class<? extends LedgerEvent>>of(MigrationPlanned.class, MigrationReplanned.class,
                    MigrationApproved.class, ApprovalRevoked.class, BackupVerified.class, ExecutionAuthorized.class,
                    MigrationApplied.class, MigrationFailed.class, MigrationRolledBack.class, ChangeReviewed.class)
            .collect(Collectors.toMap(Class::getName, Function.identity()));

    private static final Set<String> FACTS = Set.of(MigrationApplied.class.getName(), MigrationFailed.class.getName(),
            MigrationRolledBack.class.getName());

    private static final String TYPE_LIST = TYPES.keySet().stream().map(t -> "'" + t + "'").collect(Collectors.joining(", "));
    private static final String BACKUP = "'" + BackupVerified.class.getName() + "'";

    private final JdbcTemplate jdbc;
    private final ObjectMapper axonMapper;

    public FactHistory(JdbcTemplate jdbc, @Qualifier("defaultAxonObjectMapper") ObjectMapper axonMapper) {
        this.jdbc = jdbc;
        this.axonMapper = axonMapper;
    }

    /**
     * The project's events that a receipt about {@code version} in {@code environment} can rely on, in
     * global order: those naming the version (plans, approvals, authorizations, facts, reviews — facts and
     * authorizations also naming the environment) and the environment's backups. A byte search in the
     * stored JSON narrows the rows before any is decoded, so a receipt costs the same in a project with
     * ten facts as in one with ten thousand; it over-selects at worst (the assembler filters exactly)
     * and never fails on a row, even an edited one.
     */
    public List<Recorded> of(String project, String environment, String version) {
        byte[] names = jsonPair("version", version);
        byte[] in = jsonPair("environment", environment);
        return jdbc.query("SELECT " + StoredEvent.COLUMNS + " FROM domain_event_entry WHERE aggregate_identifier = ? "
                        + "AND payload_type IN (" + TYPE_LIST + ") AND ("
                        + "(payload_type = " + BACKUP + " AND position(? in payload) > 0) OR "
                        + "(payload_type <> " + BACKUP + " AND position(? in payload) > 0 "
                        + "AND (payload_type NOT LIKE '%Applied' AND payload_type NOT LIKE '%Failed' "
                        + "AND payload_type NOT LIKE '%RolledBack' AND payload_type NOT LIKE '%ExecutionAuthorized' "
                        + "OR position(? in payload) > 0))) ORDER BY global_index",
                (rs, n) -> decode(StoredEvent.read(rs)), project, in, names, in);
    }

    /**
     * Every event of the project up to global index {@code upTo} that any receipt can rely on, in global
     * order: the log's batches read it once per project for all the facts they carry, where {@link #of}
     * would scan the project's payloads once per fact. The assembler filters exactly, so over-selecting
     * changes no receipt.
     */
    public List<Recorded> ofProject(String project, long upTo) {
        return jdbc.query("SELECT " + StoredEvent.COLUMNS + " FROM domain_event_entry WHERE aggregate_identifier = ? "
                        + "AND payload_type IN (" + TYPE_LIST + ") AND global_index <= ? ORDER BY global_index",
                (rs, n) -> decode(StoredEvent.read(rs)), project, upTo);
    }

    /** The row decoded, when it is an event a receipt can rely on: one {@link #ofProject} would read. */
    public Optional<Recorded> evidenceOf(StoredEvent row) {
        return TYPES.containsKey(row.payloadType()) ? Optional.of(decode(row)) : Optional.empty();
    }

    /** The row decoded, when it is a fact (an apply, a failure or a rollback). */
    public Optional<Recorded> factOf(StoredEvent row) {
        return isFact(row) ? Optional.of(decode(row)) : Optional.empty();
    }

    /** Whether the row is a fact, told from its type without decoding it. */
    public boolean isFact(StoredEvent row) {
        return FACTS.contains(row.payloadType());
    }

    /** {@code "key":"value"} exactly as Axon's mapper writes it (no spaces, JSON-escaped value). */
    private byte[] jsonPair(String key, String value) {
        try {
            return ("\"" + key + "\":" + axonMapper.writeValueAsString(value)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
