package dev.migrationledger.service.projection;

import dev.migrationledger.ledger.testing.TestPostgres;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/** Queued read-model writes reach PostgreSQL in the order they were made, as few round trips, before the batch commits. */
class BatchedWritesTest {

    private static final String UPSERT = "INSERT INTO kv (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v";
    private static final String DELETE = "DELETE FROM kv WHERE k = ?";

    private static JdbcTemplate database;
    private JdbcTemplate jdbc;
    private BatchedWrites writes;

    @BeforeAll
    static void table() {
        TestPostgres.Database db = TestPostgres.freshDatabase("batched_writes");
        database = new JdbcTemplate(new DriverManagerDataSource(db.url(), db.user(), db.password()));
        database.execute("CREATE TABLE kv (k INT PRIMARY KEY, v TEXT NOT NULL)");
    }

    @BeforeEach
    void empty() {
        database.execute("TRUNCATE kv");
        jdbc = spy(database);
        writes = new BatchedWrites(jdbc);
    }

    private Map<Integer, String> rows() {
        Map<Integer, String> rows = new java.util.TreeMap<>();
        database.query("SELECT k, v FROM kv", rs -> {
            rows.put(rs.getInt(1), rs.getString(2));
        });
        return rows;
    }

    @Test
    void writesOfABatchAreSentWhenItCommitsInTheOrderTheyWereMade() {
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        for (int k = 1; k <= 50; k++) {
            writes.update(UPSERT, k, "planned");
        }
        assertThat(rows()).as("a run is sent when another statement follows, or the batch commits").isEmpty();
        writes.update(DELETE, 7);
        assertThat(rows()).as("the run of upserts sent, the delete not yet").hasSize(50);
        writes.update(UPSERT, 7, "again");
        writes.update(UPSERT, 8, "applied");
        assertThat(rows()).as("the delete, sent before the upserts that follow it").hasSize(49).doesNotContainKey(7);

        batch.commit();

        assertThat(rows()).hasSize(50).containsEntry(7, "again").containsEntry(8, "applied").containsEntry(9, "planned");
        @SuppressWarnings("unchecked")
        ArgumentCaptor<List<Object[]>> runs = ArgumentCaptor.forClass(List.class);
        verify(jdbc, times(2)).batchUpdate(eq(UPSERT), runs.capture());
        assertThat(runs.getAllValues()).as("a run of one statement is one JDBC batch, one round trip")
                .extracting(List::size).containsExactly(50, 2);
    }

    @Test
    void aReadAfterAFlushSeesWhatTheBatchWrote() {
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        writes.update(UPSERT, 1, "a");
        writes.flush();
        assertThat(rows()).containsEntry(1, "a");
        writes.update(DELETE, 1);
        batch.commit();
        assertThat(rows()).isEmpty();
    }

    @Test
    void aBatchRolledBackSendsNothing() {
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        writes.update(UPSERT, 1, "a");
        batch.rollback();
        assertThat(rows()).isEmpty();
    }

    @Test
    void aFailingWriteFailsTheCommit() {
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        writes.update("INSERT INTO kv (k, v) VALUES (?, ?)", 1, null);
        assertThatThrownBy(batch::commit).hasMessageContaining("null value");
    }

    @Test
    void outsideABatchAWriteRunsAtOnce() {
        writes.update(UPSERT, 3, "now");
        assertThat(rows()).containsEntry(3, "now");
    }
}
