package dev.migrationledger.service.receipts;

import dev.migrationledger.ledger.api.KeyRotated;
import dev.migrationledger.ledger.integrity.LogPublicKey;
import dev.migrationledger.ledger.integrity.LogSigningKey;
import dev.migrationledger.ledger.wire.KeysResponse.ListedKey;
import dev.migrationledger.service.config.LedgerProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The log's Ed25519 key: read from {@code ledger.key-path} (default {@code LEDGER_HOME/ledger-key.pem}),
 * generated there on first start, its public part listed in {@code log_key} with its validity window.
 * Rotation replaces the private key on disk, retires the old public key (kept, so everything it signed
 * still verifies) and records {@link KeyRotated} in the log.
 */
@Component
public class LogKeys {

    private static final Logger log = LoggerFactory.getLogger(LogKeys.class);
    private static final long ROTATION_LOCK = 7341004L;

    private final LedgerProperties properties;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final EventGateway events;
    private volatile LogSigningKey current;
    private volatile boolean registered;

    public LogKeys(LedgerProperties properties, JdbcTemplate jdbc, TransactionTemplate transactions, EventGateway events) {
        this.properties = properties;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.events = events;
        this.current = loadOrGenerate();
    }

    /** The key that signs checkpoints and receipts now. */
    public LogSigningKey current() {
        if (!registered) {
            register(current);
        }
        return current;
    }

    /** Every key that ever signed for this log, newest first. */
    public List<ListedKey> all() {
        current();
        return jdbc.query("SELECT key_name, key_id, public_pem, valid_from, valid_until FROM log_key ORDER BY valid_from DESC, key_id",
                (rs, n) -> new ListedKey(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant(),
                        rs.getObject(5, OffsetDateTime.class) == null ? null : rs.getObject(5, OffsetDateTime.class).toInstant()));
    }

    public LogPublicKey publicKey(String keyIdHex) {
        List<String> pems = jdbc.queryForList("SELECT public_pem FROM log_key WHERE key_id = ?", String.class, keyIdHex);
        return pems.isEmpty() ? null : LogPublicKey.fromPem(properties.origin(), pems.get(0));
    }

    /** Replaces the signing key; the caller issues a checkpoint with the new key afterwards. */
    public synchronized ListedKey rotate(String actor) {
        LogSigningKey old = current();
        LogSigningKey next = LogSigningKey.generate(properties.origin());
        Instant now = Instant.now();
        transactions.executeWithoutResult(tx -> {
            jdbc.queryForList("SELECT pg_advisory_xact_lock(?)", ROTATION_LOCK);
            jdbc.update("UPDATE log_key SET valid_until = ? WHERE key_id = ?", now.atOffset(ZoneOffset.UTC),
                    old.publicKey().keyIdHex());
            insert(next.publicKey(), now);
            events.publish(new KeyRotated(KeyRotated.LOG_SCOPE, next.name(), next.publicKey().keyIdHex(),
                    next.publicKey().toPem(), old.publicKey().keyIdHex(), now, now, actor));
            // Written last, inside the transaction: if the database refuses, the old key stays on disk.
            write(next);
        });
        current = next;
        log.info("Rotated the log key: {} retired, {} signs from now on", old.publicKey(), next.publicKey());
        return new ListedKey(next.name(), next.publicKey().keyIdHex(), next.publicKey().toPem(), now, null);
    }

    /**
     * In a transaction of its own: the first signature usually comes from inside the log processor's batch, and a
     * key registered in that transaction was lost when the batch rolled back (a dropped connection) while this
     * instance went on signing with it, so the store audit found every checkpoint signed by an unknown key.
     */
    private synchronized void register(LogSigningKey key) {
        if (registered) {
            return;
        }
        TransactionTemplate own = new TransactionTemplate(transactions.getTransactionManager());
        own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        own.executeWithoutResult(tx -> {
            jdbc.queryForList("SELECT pg_advisory_xact_lock(?)", ROTATION_LOCK);
            Integer known = jdbc.queryForObject("SELECT count(*) FROM log_key WHERE key_id = ?", Integer.class,
                    key.publicKey().keyIdHex());
            if (known == 0) {
                Instant now = Instant.now();
                // A key put in place by an operator replaces whatever signed before it.
                jdbc.update("UPDATE log_key SET valid_until = ? WHERE valid_until IS NULL", now.atOffset(ZoneOffset.UTC));
                insert(key.publicKey(), now);
            }
        });
        registered = true;
    }

    private void insert(LogPublicKey key, Instant validFrom) {
        jdbc.update("INSERT INTO log_key (key_id, key_name, public_pem, valid_from) VALUES (?, ?, ?, ?)",
                key.keyIdHex(), key.name(), key.toPem(), validFrom.atOffset(ZoneOffset.UTC));
    }

    private LogSigningKey loadOrGenerate() {
        Path file = properties.privateKeyFile();
        try {
            if (Files.exists(file)) {
                LogSigningKey key = LogSigningKey.fromPem(properties.origin(), Files.readString(file, StandardCharsets.US_ASCII));
                writePublic(key);
                return key;
            }
            LogSigningKey key = LogSigningKey.generate(properties.origin());
            write(key);
            log.info("Generated the log's Ed25519 key {} in {}; its public key is {}", key.publicKey(), file,
                    properties.publicKeyFile());
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or create the log key " + file
                    + "; set ledger.key-path or LEDGER_HOME to a writable location", e);
        }
    }

    private void write(LogSigningKey key) {
        Path file = properties.privateKeyFile();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            // Written beside the target and moved over it, so a crash never leaves half a key.
            Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), ".ledger-key", ".pem",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temporary, key.toPem(), StandardCharsets.US_ASCII);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            writePublic(key);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the log key to " + file, e);
        }
    }

    private void writePublic(LogSigningKey key) throws IOException {
        Files.writeString(properties.publicKeyFile(), key.publicKey().toPem(), StandardCharsets.US_ASCII);
    }
}
