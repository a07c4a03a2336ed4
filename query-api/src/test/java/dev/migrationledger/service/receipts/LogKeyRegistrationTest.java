package dev.migrationledger.service.receipts;

import dev.migrationledger.service.LedgerIntegrationTest;
import dev.migrationledger.service.config.LedgerProperties;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The key that signs is the key verifiers can look up, however its first use ended. Found by
 * DatabaseFaultProcessIT: a dropped connection rolled back the log batch that had registered the key, and the
 * service went on signing with a key no verifier could find.
 */
// A context of its own: registering a second key retires the one the shared context signs with.
@TestPropertySource(properties = "ledger.test-context=LogKeyRegistrationTest")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class LogKeyRegistrationTest extends LedgerIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    EventGateway events;

    @Test
    void aKeyFirstUsedInsideATransactionThatRollsBackIsStillRegistered(@TempDir Path home) {
        LedgerProperties properties = new LedgerProperties(home, 100, Duration.ofMinutes(10), "migration-ledger.local/log",
                null, Duration.ofSeconds(10), 1_048_576, null, Duration.ofHours(1), 0, Duration.ofMinutes(30),
                Duration.ofMillis(200), Duration.ofSeconds(5), 64);
        LogKeys keys = new LogKeys(properties, jdbc, transactions, events);

        String keyId = transactions.execute(tx -> {
            String signing = keys.current().publicKey().keyIdHex();
            tx.setRollbackOnly();
            return signing;
        });

        assertThat(jdbc.queryForObject("SELECT count(*) FROM log_key WHERE key_id = ?", Integer.class, keyId))
                .as("the key that signs is listed for verifiers").isEqualTo(1);
        assertThat(keys.publicKey(keyId)).isNotNull();
    }
}
