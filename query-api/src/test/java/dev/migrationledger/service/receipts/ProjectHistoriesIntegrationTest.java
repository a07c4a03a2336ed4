package dev.migrationledger.service.receipts;

import dev.migrationledger.ledger.api.RecordedFact;
import dev.migrationledger.ledger.integrity.Receipt;
import dev.migrationledger.ledger.integrity.Verdict;
import dev.migrationledger.service.LedgerIntegrationTest;
import dev.migrationledger.service.web.Api;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The histories the log holds between batches are the ones it would read from the tables, earlier facts
 * aside (no receipt of a fact rests on another): the same events and the same leaves, the approvals and backups of batches without facts included, so a receipt built from
 * them says what one built from the tables says.
 */
class ProjectHistoriesIntegrationTest extends LedgerIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    ProjectHistories histories;

    @Autowired
    FactHistory factHistory;

    @Autowired
    LeafTable leaves;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aHeldHistoryEqualsTheTablesAndItsReceiptsCarryEveryEvidenceEvent() {
        ReceiptLifecycle lifecycle = new ReceiptLifecycle(Api.admin(port, currentHome), "held-history");
        // each step logged before the next, so the approval and the backup arrive in batches without a fact
        List<String> ids = lifecycle.run(() -> await().atMost(Duration.ofSeconds(30))
                .until(() -> LogOrder.leaves(jdbc) == LogOrder.events(jdbc)));

        byte[] prod = lifecycle.receipt(ids.get(1));
        Verdict verdict = lifecycle.verify(prod, lifecycle.currentKey());
        assertThat(verdict.proven()).as(verdict.render()).isTrue();
        // the approval and the backup were logged in batches of their own, before the prod fact's
        assertThat(Receipt.fromJson(prod).events()).extracting(Receipt.Event::type)
                .contains("MigrationPlanned", "MigrationApproved", "BackupVerified", "ExecutionAuthorized", "MigrationApplied");

        ProjectHistories.History held = histories.held("held-history").orElseThrow();
        long last = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        // everything a fact's receipt relies on, earlier facts aside
        List<FactHistory.Recorded> stored = factHistory.ofProject("held-history", last).stream()
                .filter(r -> !(r.event() instanceof RecordedFact)).toList();
        assertThat(stored).isNotEmpty();
        assertThat(held.events().keySet()).containsExactlyElementsOf(
                stored.stream().map(r -> r.row().globalIndex()).toList());
        assertThat(held.upTo(last)).extracting(r -> r.row().eventId())
                .containsExactlyElementsOf(stored.stream().map(r -> r.row().eventId()).toList());
        Map<Long, LeafTable.Leaf> logged = leaves.byGlobalIndexes(List.copyOf(held.events().keySet()));
        assertThat(held.leaves().keySet()).isEqualTo(logged.keySet());
        held.leaves().forEach((global, leaf) -> {
            assertThat(leaf.leafIndex()).isEqualTo(logged.get(global).leafIndex());
            assertThat(leaf.leafHash()).isEqualTo(logged.get(global).leafHash());
        });
    }
}
