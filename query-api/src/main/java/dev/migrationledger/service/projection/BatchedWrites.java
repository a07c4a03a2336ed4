package dev.migrationledger.service.projection;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * The writes of read-model handlers, sent to PostgreSQL in JDBC batches. One statement per row made a
 * processor batch of 100 events cost 100 to 200 round trips, and a rebuild waited on them (2,800 events/s
 * over 1,000,000 events, the service mostly idle). Writes keep the order they were made in; consecutive writes
 * of the same statement go out as one JDBC batch (one round trip). What is queued is sent before the processor's
 * unit of work commits, so rows and token still commit in one transaction, and before a handler reads its own
 * tables ({@link #flush()}), so it reads what its batch wrote. Outside a unit of work a write runs at once.
 */
@Component
public class BatchedWrites {

    private static final String QUEUE = BatchedWrites.class.getName();

    private final JdbcTemplate jdbc;

    BatchedWrites(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Queues {@code sql} with these arguments, as {@link JdbcTemplate#update(String, Object...)} would run it. */
    public void update(String sql, Object... args) {
        if (!CurrentUnitOfWork.isStarted()) {
            jdbc.update(sql, args);
            return;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        batch.getOrComputeResource(QUEUE, key -> {
            Queue queue = new Queue();
            batch.onPrepareCommit(u -> queue.send(jdbc));
            return queue;
        }).add(jdbc, sql, args);
    }

    /** Sends what is queued; called before reading a table that queued writes may touch. */
    public void flush() {
        if (CurrentUnitOfWork.isStarted()) {
            Queue queue = CurrentUnitOfWork.get().root().getResource(QUEUE);
            if (queue != null) {
                queue.send(jdbc);
            }
        }
    }

    /** The run of writes of one statement not sent yet; a write of another statement sends it first. */
    private static final class Queue {

        private String sql;
        private List<Object[]> rows = new ArrayList<>();

        void add(JdbcTemplate jdbc, String sql, Object[] args) {
            if (!sql.equals(this.sql)) {
                send(jdbc);
                this.sql = sql;
            }
            rows.add(args);
        }

        void send(JdbcTemplate jdbc) {
            if (rows.size() == 1) {
                jdbc.update(sql, rows.get(0));
            } else if (!rows.isEmpty()) {
                jdbc.batchUpdate(sql, rows);
            }
            rows = new ArrayList<>();
        }
    }
}
