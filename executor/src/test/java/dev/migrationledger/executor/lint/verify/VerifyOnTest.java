package dev.migrationledger.executor.lint.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationledger.executor.cli.CliRun;
import dev.migrationledger.executor.flyway.FlywayEngine;
import dev.migrationledger.executor.flyway.MigrationDirectory;
import dev.migrationledger.executor.flyway.TargetDatabase;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.Linter;
import dev.migrationledger.executor.lint.verify.Verifier.Verification;
import dev.migrationledger.ledger.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --verify-on} on a real PostgreSQL: the target has V1 applied (by Flyway) and a row in its table;
 * V2–V5 are new. What PostgreSQL did is read from the server, not inferred from the SQL.
 */
class VerifyOnTest {

    @TempDir
    static Path dir;

    static TestPostgres.Database db;
    static TargetDatabase target;
    /** One verification of {@link #dir}, shared by the tests that only read it. */
    static Verification verification;

    @BeforeAll
    static void targetWithV1Applied(@TempDir Path applied) throws IOException, SQLException {
        db = TestPostgres.freshDatabase("i16_lint_verify");
        target = new TargetDatabase(db.url(), db.user(), db.password());
        String v1 = "CREATE TABLE accounts (id bigint PRIMARY KEY, balance integer NOT NULL);";
        Files.writeString(applied.resolve("V1__accounts.sql"), v1);
        FlywayEngine.configure(target, MigrationDirectory.read(applied)).load().migrate();
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO accounts VALUES (1, 10)");
        }
        Files.writeString(dir.resolve("V1__accounts.sql"), v1);
        Files.writeString(dir.resolve("V2__widen_balance.sql"), "ALTER TABLE accounts ALTER COLUMN balance TYPE bigint;");
        Files.writeString(dir.resolve("V3__positive_balance.sql"),
                "SET lock_timeout = '2s';\nALTER TABLE accounts ADD CONSTRAINT positive_balance CHECK (balance >= 0);");
        Files.writeString(dir.resolve("V4__ledger_entries.sql"), """
                CREATE TABLE ledger_entries (id bigint PRIMARY KEY, account_id bigint);
                CREATE INDEX ledger_entries_account ON ledger_entries (account_id);""");
        Files.writeString(dir.resolve("V5__entries_index.sql"), "CREATE INDEX entries_id ON ledger_entries (id);");
        verification = Verifier.verify(MigrationDirectory.read(dir), target);
    }

    private static Observation.Migration migration(Observation o, String file) {
        return o.migrations().stream().filter(m -> m.file().equals(file)).findFirst().orElseThrow();
    }

    @Test
    void alterColumnTypeIsObservedAsARewrite() throws SQLException {
        Observation o = verification.observation();

        assertThat(o.applied()).containsExactly("V1__accounts.sql");
        assertThat(o.migrations()).extracting(Observation.Migration::file)
                .containsExactly("V2__widen_balance.sql", "V3__positive_balance.sql", "V4__ledger_entries.sql", "V5__entries_index.sql");
        Observation.Statement widen = migration(o, "V2__widen_balance.sql").statements().get(0);
        assertThat(widen.rewritten()).containsExactly("accounts");
        assertThat(widen.locks()).contains(new Observation.Lock("accounts", "AccessExclusiveLock"));
        assertThat(widen.durationMs()).isNotNegative();
    }

    @Test
    void aPlainAddConstraintIsObservedTakingAccessExclusiveWithoutARewrite() throws SQLException {
        Observation o = verification.observation();

        Observation.Migration v3 = migration(o, "V3__positive_balance.sql");
        assertThat(v3.inTransaction()).isTrue();
        Observation.Statement add = v3.statements().get(1);
        assertThat(add.line()).isEqualTo(2);
        assertThat(add.locks()).contains(new Observation.Lock("accounts", "AccessExclusiveLock"));
        assertThat(add.rewritten()).isEmpty();
    }

    @Test
    void tablesCreatedByEarlierNewMigrationsAreNotExistingOnTheTarget() throws IOException {
        assertThat(verification.targetTables()).contains("accounts").doesNotContain("ledger_entries");
        // V4 committed before V5 ran, so the scratch run sees V5 lock a table that existed before it: SHARE, as CREATE INDEX takes.
        assertThat(migration(verification.observation(), "V5__entries_index.sql").statements().get(0).locks())
                .containsExactly(new Observation.Lock("ledger_entries", "ShareLock"));

        List<Finding> findings = Linter.withAllRules().lint(MigrationDirectory.read(dir), verification);
        assertThat(findings).filteredOn(f -> f.file().equals("V5__entries_index.sql"))
                .noneMatch(f -> f.ruleId().equals("ML007-index-without-concurrently"));
        assertThat(Linter.withAllRules().lint(MigrationDirectory.read(dir))).filteredOn(f -> f.file().equals("V5__entries_index.sql"))
                .anyMatch(f -> f.ruleId().equals("ML007-index-without-concurrently"));
        assertThat(findings).noneMatch(f -> f.ruleId().equals("ML060-observed-rewrite") && !f.file().equals("V2__widen_balance.sql"))
                .noneMatch(f -> f.ruleId().equals("ML061-observed-access-exclusive") && f.file().equals("V5__entries_index.sql"));
        assertThat(findings).anyMatch(f -> f.ruleId().equals("ML060-observed-rewrite") && f.file().equals("V2__widen_balance.sql"))
                .anyMatch(f -> f.ruleId().equals("ML061-observed-access-exclusive") && f.file().equals("V3__positive_balance.sql")
                        && f.line() == 2);
    }

    @Test
    void theScratchDatabaseIsDroppedAndTheTargetUntouched() throws SQLException {
        Observation o = verification.observation();

        try (Connection c = db.connect()) {
            try (PreparedStatement st = c.prepareStatement("SELECT count(*) FROM pg_database WHERE datname = ?")) {
                st.setString(1, o.scratchDatabase());
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    assertThat(rs.getInt(1)).isZero();
                }
            }
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT data_type FROM information_schema.columns WHERE table_name = 'accounts' AND column_name = 'balance'")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("integer");
            }
        }
    }

    @Test
    void aMigrationThatFailsOnTheTargetSchemaIsAnErrorAndStopsTheRun(@TempDir Path broken) throws IOException, SQLException {
        Files.writeString(broken.resolve("V1__accounts.sql"), "CREATE TABLE accounts (id bigint PRIMARY KEY, balance integer NOT NULL);");
        Files.writeString(broken.resolve("V2__typo.sql"), "ALTER TABLE acounts ADD COLUMN note text;");
        Files.writeString(broken.resolve("V3__later.sql"), "ALTER TABLE accounts ADD COLUMN other text;");

        Verification verification = Verifier.verify(MigrationDirectory.read(broken), target);

        assertThat(verification.observation().migrations()).extracting(Observation.Migration::file).containsExactly("V2__typo.sql");
        assertThat(migration(verification.observation(), "V2__typo.sql").error()).contains("acounts");
        assertThat(Linter.withAllRules().lint(MigrationDirectory.read(broken), verification))
                .anyMatch(f -> f.ruleId().equals("ML062-observed-failure"));
    }

    @Test
    void theCommandPrintsTheObservationAndFollowsTheServerVersion() throws IOException {
        CliRun cli = new CliRun();

        int exit = cli.run("lint", "--dir", dir.toString(), "--verify-on", db.url(), "--db-user", db.user(), "--json");

        assertThat(exit).as(cli.err.toString()).isEqualTo(0);
        JsonNode report = new ObjectMapper().readTree(cli.out.toString());
        assertThat(report.get("pgVersion").asText()).matches("\\d+\\.\\d+");
        JsonNode v2 = report.get("verification").get("migrations").get(0);
        assertThat(v2.get("file").asText()).isEqualTo("V2__widen_balance.sql");
        assertThat(v2.get("statements").get(0).get("rewritten").get(0).asText()).isEqualTo("accounts");
    }

    @Test
    void anUnreachableTargetIsAConfigurationError() {
        CliRun cli = new CliRun();

        assertThat(cli.run("lint", "--dir", dir.toString(), "--verify-on",
                "jdbc:postgresql://127.0.0.1:1/nowhere?connectTimeout=2")).isEqualTo(2);
        assertThat(cli.err.toString()).contains("--verify-on 127.0.0.1:1/nowhere").contains("CREATE DATABASE");
    }
}
