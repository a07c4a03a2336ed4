package dev.migrationledger.service;

import dev.migrationledger.ledger.testing.TestPostgres;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the service's integration tests: the whole application on a real PostgreSQL, with a fresh
 * database per test class on the JVM's one server (see {@link TestPostgres}). The context is closed
 * after each class, so no class sees another's data and the JVM holds one application at a time.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class LedgerIntegrationTest {

    /** The LEDGER_HOME of the test class being set up (classes run one after another). */
    protected static java.nio.file.Path currentHome;

    /** A LEDGER_HOME of the test's own, so tests never touch the user's ~/.migration-ledger. */
    public static java.nio.file.Path home(String name) {
        try {
            return java.nio.file.Files.createTempDirectory("ledger-home-" + name);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestPostgres.Database db = TestPostgres.freshDatabase("ledger_it");
        registry.add("spring.datasource.url", db::url);
        registry.add("spring.datasource.username", db::user);
        registry.add("spring.datasource.password", db::password);
        currentHome = home(db.name());
        java.nio.file.Path classHome = currentHome;
        registry.add("ledger.home", classHome::toString);
    }
}
