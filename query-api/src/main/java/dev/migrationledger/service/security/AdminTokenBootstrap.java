package dev.migrationledger.service.security;

import dev.migrationledger.service.config.LedgerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/**
 * On the first start against an empty ledger, creates the first admin token and writes it to
 * {@code LEDGER_HOME/admin.token}, readable by its owner only. The token itself never reaches the log.
 * It runs once every bean exists and before the web server starts: a service that answers its health
 * check has its admin token in place (as an ApplicationRunner it ran after the port opened, and a fast
 * first reader found no file).
 */
@Component
public class AdminTokenBootstrap implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(AdminTokenBootstrap.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final ApiTokenService tokens;
    private final LedgerProperties properties;
    private final TransactionTemplate transactions;
    private final JdbcTemplate jdbc;

    public AdminTokenBootstrap(ApiTokenService tokens, LedgerProperties properties, TransactionTemplate transactions,
                               JdbcTemplate jdbc) {
        this.tokens = tokens;
        this.properties = properties;
        this.transactions = transactions;
        this.jdbc = jdbc;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Path file = properties.home().resolve("admin.token");
        // Written beside the file inside the transaction (a home that cannot be written rolls the token back),
        // moved into place only after the commit: whoever sees admin.token can use it at once.
        Path pending = properties.home().resolve("admin.token.pending");
        transactions.executeWithoutResult(tx -> {
            // several instances may start at once on one database: one of them creates the token
            jdbc.queryForList("SELECT pg_advisory_xact_lock(7341001)");
            if (tokens.anyAdmin()) {
                log.info("Admin tokens exist; the first one was written to {} when it was created", file);
                return;
            }
            ApiTokenService.IssuedToken admin = tokens.issue("admin", List.of(Role.ADMIN), "bootstrap");
            write(pending, admin.secret());
            log.info("Created the first admin token (id {}) in {} (mode 600)", admin.token().id(), file);
        });
        if (Files.exists(pending)) {
            // also completes a start that died between the commit and this move
            try {
                Files.move(pending, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.NoSuchFileException movedByATwin) {
                // another instance on this home moved it first
            } catch (IOException e) {
                throw new UncheckedIOException("could not move the admin token to " + file, e);
            }
        }
    }

    static void write(Path file, String secret) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            Files.writeString(file, secret + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the admin token to " + file
                    + "; set LEDGER_HOME to a writable directory", e);
        }
    }
}
