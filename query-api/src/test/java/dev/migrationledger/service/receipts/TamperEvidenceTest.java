package dev.migrationledger.service.receipts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationledger.ledger.integrity.Verdict;
import dev.migrationledger.service.LedgerIntegrationTest;
import dev.migrationledger.service.web.Api;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A superuser can disable the append-only triggers and edit the event table; the log cannot prevent that,
 * but it must detect it: the store audit names the first bad leaf and a receipt built from the edited
 * store no longer verifies. Each test puts the store back, so the next one starts from a clean audit.
 */
// A context of its own (fresh database and LEDGER_HOME): Spring would otherwise hand this class a cached
// context of another class, whose data and admin token are not what currentHome points at.
@TestPropertySource(properties = "ledger.test-context=TamperEvidenceTest")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class TamperEvidenceTest extends LedgerIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    static ReceiptLifecycle lifecycle;
    static List<String> receiptIds;

    @BeforeEach
    void lifecycle() {
        if (lifecycle == null) {
            lifecycle = new ReceiptLifecycle(Api.admin(port, currentHome), "billing-db");
            receiptIds = lifecycle.run();
            receiptIds.forEach(lifecycle::receipt);
        }
        assertThat(audit().path("ok").asBoolean()).as(audit().toString()).isTrue();
    }

    @AfterEach
    void triggersBack() {
        jdbc.execute("ALTER TABLE domain_event_entry ENABLE ALWAYS TRIGGER domain_event_entry_no_update_delete");
        jdbc.execute("ALTER TABLE domain_event_entry ENABLE ALWAYS TRIGGER domain_event_entry_no_truncate");
    }

    @Test
    void aReceiptOfAProdApplyIsProvenWithTheLogKeyAndTheScript() throws Exception {
        byte[] receipt = lifecycle.receipt(receiptIds.get(1));
        Verdict verdict = lifecycle.verify(receipt, lifecycle.currentKey());
        assertThat(verdict.proven()).as(verdict.render()).isTrue();
        JsonNode file = new ObjectMapper().readTree(receipt);
        assertThat(file.path("events").findValuesAsText("type")).containsExactly("MigrationPlanned",
                "MigrationApproved", "BackupVerified", "ExecutionAuthorized", "MigrationApplied");
        String statement = new String(java.util.Base64.getDecoder().decode(file.path("envelope").path("payload").asText()),
                StandardCharsets.UTF_8);
        assertThat(statement).contains("\"name\":\"" + ReceiptLifecycle.SCRIPT_NAME + "\"", "\"plannedBy\":\"alice\"",
                "\"approver\":\"bob\"", "\"backupId\":\"b-1\"");
        Verdict onDemand = lifecycle.verify(lifecycle.onDemand("prod").raw().body().getBytes(StandardCharsets.UTF_8),
                lifecycle.currentKey());
        assertThat(onDemand.proven()).as(onDemand.render()).isTrue();
    }

    @Test
    void aReceiptWithOneChangedByteDoesNotVerify() {
        byte[] receipt = lifecycle.receipt(receiptIds.get(1));
        String text = new String(receipt, StandardCharsets.UTF_8);
        assertThat(text).contains("\"actor\":\"bob\"");
        byte[] renamed = text.replaceFirst("\"actor\":\"bob\"", "\"actor\":\"bOb\"").getBytes(StandardCharsets.UTF_8);
        assertThat(lifecycle.verify(renamed, lifecycle.currentKey()).proven()).isFalse();
        for (int i = 0; i < receipt.length; i += receipt.length / 40) {
            byte[] flipped = receipt.clone();
            flipped[i] ^= 0x01;
            assertThat(lifecycle.verify(flipped, lifecycle.currentKey()).proven()).as("byte " + i).isFalse();
        }
    }

    @Test
    void aChangedPayloadByteIsNamedByTheAuditAndBreaksTheReceipt() {
        long global = globalIndexOf("MigrationApplied", "run-2/1");
        long leaf = leafIndexOf(global);
        tamper("UPDATE domain_event_entry SET payload = convert_to(replace(convert_from(payload, 'UTF8'), "
                + "'\"actor\":\"ci-bot\"', '\"actor\":\"ci-bOt\"'), 'UTF8') WHERE global_index = " + global);

        JsonNode audit = audit();
        assertThat(audit.path("ok").asBoolean()).isFalse();
        assertThat(audit.path("firstMismatchIndex").asLong()).isEqualTo(leaf);
        Verdict verdict = lifecycle.verify(onDemandBytes("prod"), lifecycle.currentKey());
        assertThat(verdict.proven()).isFalse();
        assertThat(verdict.render()).contains("payload bytes do not match the leaf's SHA-256");

        tamper("UPDATE domain_event_entry SET payload = convert_to(replace(convert_from(payload, 'UTF8'), "
                + "'\"actor\":\"ci-bOt\"', '\"actor\":\"ci-bot\"'), 'UTF8') WHERE global_index = " + global);
        assertThat(audit().path("ok").asBoolean()).isTrue();
    }

    @Test
    void swappedPayloadsAreNamedAtTheEarlierLeafAndBreakTheReceipt() {
        long dev = globalIndexOf("MigrationApplied", "run-1/1");
        long prod = globalIndexOf("MigrationApplied", "run-2/1");
        String swap = "UPDATE domain_event_entry d SET payload = o.payload FROM domain_event_entry o "
                + "WHERE (d.global_index, o.global_index) IN ((" + dev + ", " + prod + "), (" + prod + ", " + dev + "))";
        tamper(swap);

        JsonNode audit = audit();
        assertThat(audit.path("ok").asBoolean()).isFalse();
        assertThat(audit.path("firstMismatchIndex").asLong()).isEqualTo(leafIndexOf(dev));
        Verdict verdict = lifecycle.verify(onDemandBytes("prod"), lifecycle.currentKey());
        assertThat(verdict.proven()).as(verdict.render()).isFalse();

        tamper(swap);
        assertThat(audit().path("ok").asBoolean()).isTrue();
    }

    /**
     * A deleted event cannot be re-proven, and a receipt issued before the deletion stays valid: it is the
     * auditor's proof that the event existed at that leaf, which the audit now reports as gone.
     */
    @Test
    void aDeletedEventIsNamedByTheAuditWhileItsEarlierReceiptStillProvesIt() throws Exception {
        long global = globalIndexOf("MigrationApplied", "run-2/1");
        long leaf = leafIndexOf(global);
        byte[] before = lifecycle.receipt(receiptIds.get(1));
        tamper("CREATE TABLE tamper_saved AS SELECT * FROM domain_event_entry WHERE global_index = " + global);
        tamper("DELETE FROM domain_event_entry WHERE global_index = " + global);

        JsonNode audit = audit();
        assertThat(audit.path("ok").asBoolean()).isFalse();
        assertThat(audit.path("firstMismatchIndex").asLong()).isEqualTo(leaf);
        assertThat(audit.path("detail").asText()).contains("gone");
        assertThat(lifecycle.verify(before, lifecycle.currentKey()).proven()).isTrue();
        JsonNode statement = new ObjectMapper().readTree(java.util.Base64.getDecoder().decode(
                new ObjectMapper().readTree(before).path("envelope").path("payload").asText()));
        assertThat(statement.path("predicate").path("ledger").path("leafIndexes").toString()).contains(String.valueOf(leaf));
        // rebuilt from the store now, the prod receipt has lost its execution
        JsonNode rebuilt = new ObjectMapper().readTree(java.util.Base64.getDecoder().decode(
                new ObjectMapper().readTree(onDemandBytes("prod")).path("envelope").path("payload").asText()));
        assertThat(rebuilt.path("predicate").path("execution").path("executionId").asText()).isNotEqualTo("run-2/1");

        tamper("INSERT INTO domain_event_entry SELECT * FROM tamper_saved");
        tamper("DROP TABLE tamper_saved");
        assertThat(audit().path("ok").asBoolean()).isTrue();
    }

    private void tamper(String sql) {
        jdbc.execute("ALTER TABLE domain_event_entry DISABLE TRIGGER ALL");
        jdbc.execute(sql);
    }

    private byte[] onDemandBytes(String environment) {
        Api.Response response = lifecycle.onDemand(environment);
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        return response.raw().body().getBytes(StandardCharsets.UTF_8);
    }

    private JsonNode audit() {
        return lifecycle.ci.get("/api/v1/log/audit").body();
    }

    private long globalIndexOf(String type, String executionId) {
        return jdbc.queryForObject("SELECT global_index FROM domain_event_entry WHERE payload_type LIKE ? "
                + "AND convert_from(payload, 'UTF8') LIKE ?", Long.class, "%." + type, "%\"" + executionId + "\"%");
    }

    private long leafIndexOf(long global) {
        return jdbc.queryForObject("SELECT leaf_index FROM log_leaf WHERE global_index = ?", Long.class, global);
    }
}
