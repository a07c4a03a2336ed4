package dev.migrationledger.executor.flyway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrationledger.executor.exit.ExitCodes;
import dev.migrationledger.executor.client.FakeLedger;
import dev.migrationledger.executor.client.LedgerClient;
import dev.migrationledger.executor.client.LedgerJson;
import dev.migrationledger.executor.client.RetryPolicy;
import dev.migrationledger.ledger.api.AuthorizationGrant;
import dev.migrationledger.ledger.domain.Checksum;
import dev.migrationledger.ledger.integrity.DsseEnvelope;
import dev.migrationledger.ledger.integrity.LogSigningKey;
import dev.migrationledger.ledger.integrity.SignedAuthorization;
import dev.migrationledger.ledger.testing.TestPostgres;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What was approved is what runs: the executor sends the checksum of every file it will run, applies nothing
 * unless the ledger's key signed an authorization for exactly this run, these checksums and this database, and
 * gives Flyway the bytes it checksummed.
 */
class AuthorizationGateTest {

    private static final String V1 = "CREATE TABLE a (id int);";
    private static final String SNEAKY = "CREATE TABLE a (id int);\nCREATE TABLE sneaky (id int);";

    @TempDir
    Path dir;

    private final FakeLedger ledger = new FakeLedger();
    private final StringWriter progress = new StringWriter();

    AuthorizationGateTest() throws IOException {
    }

    @AfterEach
    void stop() {
        ledger.close();
    }

    private MigrationReport migrate(TestPostgres.Database db, LedgerKeyTrust.GivenKey key) throws SQLException {
        LedgerClient client = new LedgerClient(ledger.url(), "ci-token", new RetryPolicy(1, Duration.ZERO, Duration.ZERO));
        return new GatedMigration(new GatedMigration.Request("billing", "dev", null, "abc123", null, false, key),
                MigrationDirectory.read(dir), new TargetDatabase(db.url(), db.user(), db.password()), client,
                new Progress(new PrintWriter(progress, true), false)).run();
    }

    private MigrationReport migrate(TestPostgres.Database db) throws SQLException {
        return migrate(db, null);
    }

    private void write(String name, String sql) {
        try {
            Files.writeString(dir.resolve(name), sql);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String checksum(String sql) {
        return Checksum.ofScript(sql.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hex();
    }

    private static boolean exists(TestPostgres.Database db, String table) throws SQLException {
        try (Connection c = db.connect(); ResultSet rs = c.createStatement()
                .executeQuery("SELECT to_regclass('public." + table + "') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private void assertNothingApplied(TestPostgres.Database db, MigrationReport report) throws SQLException {
        assertThat(report.exitCode).as(report.message + "\n" + progress).isEqualTo(ExitCodes.DENIED);
        assertThat(report.message).contains("nothing applied");
        assertThat(exists(db, "a")).isFalse();
        assertThat(exists(db, "flyway_schema_history")).isFalse();
        assertThat(ledger.facts).isEmpty();
    }

    /** A run against a fresh target is refused before anything is applied, saying {@code why}. */
    private void assertRefusedWithNothingApplied(String database, String... why) throws SQLException {
        TestPostgres.Database db = TestPostgres.freshDatabase(database);
        MigrationReport report = migrate(db);
        assertNothingApplied(db, report);
        assertThat(report.message).contains(why);
    }

    @Test
    void theRequestNamesTheChecksumOfEveryPendingFileAndTheTarget() throws Exception {
        write("V1__a.sql", V1);
        write("R__v.sql", "CREATE OR REPLACE VIEW v AS SELECT 1 AS x;");
        TestPostgres.Database db = TestPostgres.freshDatabase("gate_request");

        MigrationReport report = migrate(db);

        assertThat(report.exitCode).as(report.message).isEqualTo(ExitCodes.SUCCESS);
        var body = ledger.requestsTo("/authorizations").get(0).body();
        assertThat(body.get("versions").toString()).isEqualTo("[\"1\",\"R__v\"]");
        assertThat(body.at("/checksums/1").asText()).isEqualTo(checksum(V1));
        assertThat(body.at("/checksums/R__v").asText()).isEqualTo(checksum("CREATE OR REPLACE VIEW v AS SELECT 1 AS x;"));
        assertThat(body.get("targetDigest").asText()).hasSize(64);
    }

    @Test
    void aFileEditedAfterApprovalIsRefusedWithNothingApplied() throws Exception {
        write("V1__a.sql", SNEAKY);
        write("V2__b.sql", "CREATE TABLE b (id int);");
        ledger.planned.put("1", checksum(V1));
        TestPostgres.Database db = TestPostgres.freshDatabase("gate_edited");

        MigrationReport report = migrate(db);

        assertNothingApplied(db, report);
        assertThat(exists(db, "sneaky")).isFalse();
        assertThat(report.message).contains("V1__a.sql changed since planned").contains("run ledger plan");
        assertThat(progress.toString()).contains("(V1__a.sql, checksum " + checksum(SNEAKY) + ")")
                .contains("planned with " + checksum(V1));
    }

    @Test
    void anEditedRepeatableIsRefusedWithNothingApplied() throws Exception {
        write("V1__a.sql", V1);
        write("R__v.sql", "CREATE OR REPLACE VIEW v AS SELECT 2 AS x;");
        ledger.planned.put("R__v", checksum("CREATE OR REPLACE VIEW v AS SELECT 1 AS x;"));
        TestPostgres.Database db = TestPostgres.freshDatabase("gate_edited_repeatable");

        assertNothingApplied(db, migrate(db));
    }

    @Test
    void aFileChangedOnDiskAfterItWasReadIsNeverRun() throws Exception {
        write("V1__a.sql", V1);
        ledger.authorizing = () -> write("V1__a.sql", SNEAKY);
        TestPostgres.Database db = TestPostgres.freshDatabase("gate_changed_between");

        MigrationReport report = migrate(db);

        assertThat(report.exitCode).as(report.message).isEqualTo(ExitCodes.SUCCESS);
        assertThat(Files.readString(dir.resolve("V1__a.sql"))).isEqualTo(SNEAKY);
        assertThat(exists(db, "a")).isTrue();
        assertThat(exists(db, "sneaky")).isFalse();
        assertThat(ledger.facts.get(report.runId + "/1").get("checksum").asText()).isEqualTo(checksum(V1));
    }

    @Test
    void factsCarryTheDigestOfTheSignedAuthorizationTheyRanUnder() throws Exception {
        write("V1__a.sql", V1);
        TestPostgres.Database db = TestPostgres.freshDatabase("gate_digest");
        DsseEnvelope[] received = new DsseEnvelope[1];
        ledger.rewrite = answer -> {
            received[0] = LedgerJson.MAPPER.convertValue(answer.get("envelope"), DsseEnvelope.class);
            return answer;
        };

        MigrationReport report = migrate(db);

        assertThat(report.exitCode).as(report.message).isEqualTo(ExitCodes.SUCCESS);
        assertThat(report.authorizationDigest).isEqualTo(SignedAuthorization.digest(received[0]));
        assertThat(ledger.facts.get(report.runId + "/1").get("authorizationDigest").asText())
                .isEqualTo(report.authorizationDigest);
    }

    // ---- a man in the middle -------------------------------------------------------------------

    @Test
    void aDenialRewrittenIntoAnAuthorizationIsRefused() throws Exception {
        write("V1__a.sql", V1);
        ledger.deny.add("1");
        ledger.rewrite = answer -> {
            answer.putArray("denied");
            answer.putArray("authorized").add("1");
            return answer;
        };
        assertRefusedWithNothingApplied("gate_mitm_denial", "no signed authorization");
    }

    @Test
    void anAuthorizationSignedByAnotherKeyIsRefused() throws Exception {
        write("V1__a.sql", V1);
        ledger.signer = LogSigningKey.generate("migration-ledger.local/log");
        TestPostgres.Database db = TestPostgres.freshDatabase("gate_mitm_key");
        LedgerKeyTrust.GivenKey real = new LedgerKeyTrust.GivenKey(ledger.key.publicKey().toPem(), null);

        MigrationReport report = migrate(db, real);

        assertNothingApplied(db, report);
        assertThat(report.message).contains("not signed by the ledger key");
    }

    @Test
    void anAuthorizationOfAnotherExecutionIsRefusedAsReplayed() throws Exception {
        write("V1__a.sql", V1);
        ledger.rewrite = answer -> resigned(answer, g -> new AuthorizationGrant(g.project(), g.environment(), "run-earlier",
                g.migrations(), g.targetDigest(), g.authorizedBy(), g.authorizedAt(), g.expiresAt()));
        assertRefusedWithNothingApplied("gate_mitm_replay", "for execution run-earlier", "replayed");
    }

    @Test
    void anAuthorizationForAnotherDatabaseIsRefused() throws Exception {
        write("V1__a.sql", V1);
        ledger.rewrite = answer -> resigned(answer, g -> new AuthorizationGrant(g.project(), g.environment(),
                g.executionId(), g.migrations(), "0".repeat(64), g.authorizedBy(), g.authorizedAt(), g.expiresAt()));
        assertRefusedWithNothingApplied("gate_mitm_target", "not this database");
    }

    @Test
    void anAuthorizationOfAnotherChecksumIsRefused() throws Exception {
        write("V1__a.sql", V1);
        ledger.rewrite = answer -> resigned(answer, g -> new AuthorizationGrant(g.project(), g.environment(),
                g.executionId(), List.of(new dev.migrationledger.ledger.api.ExecutionAuthorized.AuthorizedMigration("1",
                checksum(SNEAKY))), g.targetDigest(), g.authorizedBy(), g.authorizedAt(), g.expiresAt()));
        assertRefusedWithNothingApplied("gate_mitm_checksum", "V1__a.sql has checksum " + checksum(V1), checksum(SNEAKY));
    }

    @Test
    void anAnswerListingMoreThanWasSignedIsRefused() throws Exception {
        write("V1__a.sql", V1);
        write("V2__b.sql", "CREATE TABLE b (id int);");
        ledger.deny.add("2");
        ledger.rewrite = answer -> {
            answer.putArray("denied");
            answer.withArray("authorized").add("2");
            return answer;
        };
        assertRefusedWithNothingApplied("gate_mitm_list", "the ledger signed [1]");
    }

    @Test
    void anExpiredAuthorizationIsRefused() throws Exception {
        write("V1__a.sql", V1);
        ledger.validFor = Duration.ofSeconds(-1);
        assertRefusedWithNothingApplied("gate_expired", "expired");
    }

    @Test
    void theLedgerKeyIsPinnedOnFirstUseAndAnyOtherIsRefusedLater() throws Exception {
        write("V1__a.sql", V1);
        TestPostgres.Database db = TestPostgres.freshDatabase("gate_tofu");
        assertThat(migrate(db).exitCode).isEqualTo(ExitCodes.SUCCESS);
        assertThat(progress.toString()).contains("trusting the ledger key").contains("on first use");
        try (Connection c = db.connect(); ResultSet rs = c.createStatement()
                .executeQuery("SELECT key_id, source FROM migration_ledger.ledger_key")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(ledger.key.publicKey().keyIdHex());
            assertThat(rs.getString(2)).isEqualTo("first use");
        }

        // from now on a proxy signing (and listing) its own key is refused
        write("V2__b.sql", "CREATE TABLE b (id int);");
        ledger.signer = LogSigningKey.generate("migration-ledger.local/log");
        MigrationReport second = migrate(db);

        assertThat(second.exitCode).as(second.message).isEqualTo(ExitCodes.DENIED);
        assertThat(exists(db, "b")).isFalse();
    }

    @Test
    void aGivenLedgerKeyReplacesThePinnedOne() throws Exception {
        write("V1__a.sql", V1);
        TestPostgres.Database db = TestPostgres.freshDatabase("gate_repin");
        LogSigningKey rotated = LogSigningKey.generate("migration-ledger.local/log");
        assertThat(migrate(db).exitCode).isEqualTo(ExitCodes.SUCCESS);

        write("V2__b.sql", "CREATE TABLE b (id int);");
        ledger.signer = rotated;
        MigrationReport report = migrate(db, new LedgerKeyTrust.GivenKey(rotated.publicKey().toPem(),
                "migration-ledger.local/log"));

        assertThat(report.exitCode).as(report.message).isEqualTo(ExitCodes.SUCCESS);
        assertThat(exists(db, "b")).isTrue();
        assertThat(progress.toString()).contains("replacing");
    }

    @Test
    void theGateStartsNoMigrationOnceTheAuthorizationExpired() throws Exception {
        write("V1__a.sql", V1);
        TestPostgres.Database db = TestPostgres.freshDatabase("gate_expires_during_run");
        LedgerGateCallback gate = new LedgerGateCallback(Set.of("1"), true, Instant.now().minusSeconds(1),
                new Progress(new PrintWriter(progress, true), false));

        try {
            new FlywayEngine(new TargetDatabase(db.url(), db.user(), db.password()), MigrationDirectory.read(dir))
                    .migrate("1", gate);
        } catch (FlywayException expected) {
            // the gate stops Flyway
        }

        assertThat(gate.refused()).contains("expired");
        assertThat(gate.failedKey()).isNull();
        assertThat(exists(db, "a")).isFalse();
    }

    /** The answer with its grant changed by {@code edit} and re-signed with the ledger's own key. */
    private ObjectNode resigned(ObjectNode answer, java.util.function.UnaryOperator<AuthorizationGrant> edit) {
        DsseEnvelope envelope = LedgerJson.MAPPER.convertValue(answer.get("envelope"), DsseEnvelope.class);
        AuthorizationGrant grant = SignedAuthorization.verified(envelope, List.of(ledger.key.publicKey()));
        answer.set("envelope", LedgerJson.MAPPER.valueToTree(SignedAuthorization.sign(edit.apply(grant), ledger.key)));
        return answer;
    }
}
