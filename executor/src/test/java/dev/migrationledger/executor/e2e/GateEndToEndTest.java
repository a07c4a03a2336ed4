package dev.migrationledger.executor.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrationledger.executor.exit.ExitCodes;
import dev.migrationledger.executor.client.LedgerJson;
import dev.migrationledger.ledger.api.AuthorizationGrant;
import dev.migrationledger.ledger.api.ExecutionAuthorized.AuthorizedMigration;
import dev.migrationledger.ledger.domain.Checksum;
import dev.migrationledger.ledger.integrity.LogSigningKey;
import dev.migrationledger.ledger.integrity.SignedAuthorization;
import dev.migrationledger.ledger.testing.TestPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What was approved is what runs (issue 11), end to end: the CLI as a process against the service as a process
 * ({@code query-api/target/query-api.jar}; skipped with a message when it is not built).
 */
class GateEndToEndTest {

    private static final String A = "CREATE TABLE a (id int);\n";
    private static final String SNEAKY = A + "CREATE TABLE sneaky (id int);\n";

    @TempDir
    static Path home;

    private static LedgerService service;
    private static String ciToken;
    private static String bobToken;

    @TempDir
    Path dir;

    @BeforeAll
    static void startService() throws Exception {
        assumeTrue(Files.isRegularFile(LedgerService.JAR), LedgerService.JAR
                + " not built (./mvnw -pl query-api package): gate end-to-end tests skipped");
        service = new LedgerService(home);
        ciToken = service.ciToken();
        bobToken = service.call("POST", "/tokens", service.adminToken, "{\"principal\":\"bob\",\"roles\":[\"approver\"]}")
                .get("token").asText();
    }

    @AfterAll
    static void stopService() {
        if (service != null) {
            service.close();
        }
    }

    private static LedgerCli cli(TestPostgres.Database db) {
        return new LedgerCli(service.url, ciToken).with("LEDGER_DB_PASSWORD", db.password());
    }

    /** One environment, dev, needing {@code approvals} approvals and no backups. */
    private static void register(String project, int approvals) throws Exception {
        service.call("POST", "/projects", service.adminToken, "{\"id\":\"" + project + "\",\"environments\":[{\"name\":"
                + "\"dev\",\"policy\":{\"requiredApprovals\":" + approvals + ",\"backupRequiredFor\":[]}}]}");
    }

    /** Registers {@code project} (see {@link #register}), plans the directory as written, and returns the CLI for {@code db}. */
    private LedgerCli planned(String project, int approvals, TestPostgres.Database db) throws Exception {
        register(project, approvals);
        LedgerCli ledger = cli(db);
        LedgerCli.Run plan = ledger.run("plan", "--project", project, "--dir", dir.toString());
        assertThat(plan.exit()).as(plan.output()).isZero();
        return ledger;
    }

    private static void approve(String project, String version, String sql) throws Exception {
        service.call("POST", "/projects/" + project + "/migrations/" + version + "/approvals", bobToken,
                "{\"checksum\":\"" + checksum(sql) + "\",\"environment\":\"dev\"}");
    }

    private static String checksum(String sql) {
        return Checksum.ofScript(sql.getBytes(StandardCharsets.UTF_8)).hex();
    }

    private void write(String file, String sql) {
        try {
            Files.writeString(dir.resolve(file), sql);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String[] migrate(String project, TestPostgres.Database db, String... more) {
        List<String> args = new ArrayList<>(List.of("migrate", "--project", project, "--env", "dev", "--dir",
                dir.toString(), "--db", db.url(), "--db-user", db.user()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static boolean exists(TestPostgres.Database db, String table) throws SQLException {
        try (Connection c = db.connect(); ResultSet rs = c.createStatement()
                .executeQuery("SELECT to_regclass('public." + table + "') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static JsonNode state(String project) throws Exception {
        return service.call("GET", "/projects/" + project + "/environments/dev/state", ciToken, null);
    }

    /** How many events the store holds for {@code project}, from the audit stream (the store itself, no read model). */
    private static int storedEvents(String project) throws Exception {
        int count = 0;
        long after = -1;
        while (true) {
            JsonNode page = service.call("GET", "/events?limit=1000&after=" + after, ciToken, null);
            for (JsonNode event : page.path("events")) {
                count += project.equals(event.path("aggregateId").asText()) ? 1 : 0;
            }
            if (page.path("events").isEmpty()) {
                return count;
            }
            after = page.path("nextAfter").asLong();
        }
    }

    @Test
    void aScriptEditedAfterApprovalIsRefusedWithNothingApplied() throws Exception {
        TestPostgres.Database db = TestPostgres.freshDatabase("e2e_gate_edited");
        write("V1__a.sql", A);
        LedgerCli ledger = planned("edited", 1, db);
        approve("edited", "1", A);
        write("V1__a.sql", SNEAKY);

        LedgerCli.Run run = ledger.run(migrate("edited", db));

        assertThat(run.exit()).as(run.output()).isEqualTo(ExitCodes.DENIED);
        assertThat(run.output()).contains("V1__a.sql").contains(checksum(SNEAKY)).contains(checksum(A))
                .contains("CHECKSUM_NOT_PLANNED").contains("nothing applied").contains("ledger plan");
        assertThat(exists(db, "sneaky")).isFalse();
        assertThat(exists(db, "a")).isFalse();
        assertThat(state("edited").get("applied")).isEmpty();
    }

    @Test
    void aFileChangedBetweenAuthorizationAndApplyNeverRuns() throws Exception {
        TestPostgres.Database db = TestPostgres.freshDatabase("e2e_gate_between");
        write("V1__a.sql", A);
        LedgerCli ledger = planned("between", 0, db);
        try (MitmProxy proxy = new MitmProxy(service.url)) {
            proxy.rewrite = (path, answer) -> {
                if (path.endsWith("/authorizations")) {
                    write("V1__a.sql", SNEAKY); // edited while the executor waits for its answer
                }
                return answer;
            };

            LedgerCli.Run run = ledger.via(proxy.url()).run(migrate("between", db));

            assertThat(run.exit()).as(run.output()).isZero();
        }
        assertThat(exists(db, "a")).isTrue();
        assertThat(exists(db, "sneaky")).isFalse();
        JsonNode applied = state("between").get("applied").get(0);
        assertThat(applied.get("checksum").asText()).isEqualTo(checksum(A));
        assertThat(applied.get("violations")).isEmpty();
    }

    @Test
    void failFixPlanMigrateIsCleanAndPlanningAgainChangesNothing() throws Exception {
        TestPostgres.Database db = TestPostgres.freshDatabase("e2e_gate_fix");
        write("V1__a.sql", A);
        write("V2__b.sql", "CREATE TABLE b (id int REFERENCES nowhere (id));\n");
        LedgerCli ledger = planned("fix", 0, db);
        LedgerCli.Run failed = ledger.run(migrate("fix", db));
        assertThat(failed.exit()).as(failed.output()).isEqualTo(ExitCodes.CHECK_FAILED);

        write("V2__b.sql", "CREATE TABLE b (id int);\n");
        LedgerCli.Run unplanned = ledger.run(migrate("fix", db));
        assertThat(unplanned.exit()).as(unplanned.output()).isEqualTo(ExitCodes.DENIED);
        assertThat(unplanned.output()).contains("run ledger plan");
        LedgerCli.Run replanned = ledger.run("plan", "--project", "fix", "--dir", dir.toString());
        assertThat(replanned.exit()).as(replanned.output()).isZero();
        assertThat(replanned.output()).containsPattern("2\\s+REPLANNED");
        LedgerCli.Run fixed = ledger.run(migrate("fix", db));

        assertThat(fixed.exit()).as(fixed.output()).isZero();
        assertThat(exists(db, "b")).isTrue();
        JsonNode state = state("fix");
        assertThat(state.get("applied")).extracting(a -> a.get("version").asText()).containsExactly("1", "2");
        assertThat(state.get("applied")).allSatisfy(a -> assertThat(a.get("violations")).isEmpty());
        assertThat(state.get("applied").get(1).get("checksum").asText())
                .isEqualTo(checksum("CREATE TABLE b (id int);\n"));
        LedgerCli.Run again = ledger.run("plan", "--project", "fix", "--dir", dir.toString());
        assertThat(again.exit()).as(again.output()).isZero();
        assertThat(again.output()).containsPattern("2\\s+UNCHANGED");
    }

    @Test
    void aTypoInProjectOrEnvironmentExitsTwoOnEveryCommandWithNothingPending() throws Exception {
        TestPostgres.Database db = TestPostgres.freshDatabase("e2e_gate_typo");
        write("V1__a.sql", A);
        LedgerCli ledger = planned("typo", 0, db);
        assertThat(ledger.run(migrate("typo", db)).exit()).isZero();
        assertThat(ledger.run(migrate("typo", db)).output()).contains("nothing to migrate");
        int before = storedEvents("typo");

        List<String[]> typos = List.of(
                new String[] {"plan", "--project", "typpo", "--dir", dir.toString()},
                new String[] {"migrate", "--project", "typpo", "--env", "dev", "--dir", dir.toString(), "--db", db.url(),
                        "--db-user", db.user()},
                new String[] {"migrate", "--project", "typo", "--env", "prd", "--dir", dir.toString(), "--db", db.url(),
                        "--db-user", db.user()},
                new String[] {"migrate", "--project", "typo", "--env", "prd", "--dir", dir.toString(), "--db", db.url(),
                        "--db-user", db.user(), "--dry-run"},
                new String[] {"status", "--project", "typpo"},
                new String[] {"status", "--project", "typo", "--env", "prd"},
                new String[] {"scan", "--project", "typpo", "--env", "dev", "--db", db.url(), "--db-user", db.user()},
                new String[] {"scan", "--project", "typo", "--env", "prd", "--db", db.url(), "--db-user", db.user()},
                new String[] {"import", "--project", "typpo", "--env", "dev", "--db", db.url(), "--db-user", db.user(),
                        "--from", "flyway"},
                new String[] {"import", "--project", "typo", "--env", "prd", "--db", db.url(), "--db-user", db.user(),
                        "--from", "flyway", "--dry-run"});
        for (String[] args : typos) {
            LedgerCli.Run run = ledger.run(args);
            assertThat(run.exit()).as(String.join(" ", args) + "\n" + run.output()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.output()).containsAnyOf("no project 'typpo'", "no environment 'prd'");
        }
        assertThat(storedEvents("typo")).as("a mistyped command records nothing").isEqualTo(before);
    }

    // ---- a man in the middle -------------------------------------------------------------------

    @Test
    void aProxyRewritingADenialIntoAnAuthorizationGetsNothingApplied() throws Exception {
        TestPostgres.Database db = TestPostgres.freshDatabase("e2e_gate_mitm_denial");
        write("V1__a.sql", A);
        LedgerCli ledger = planned("mitm-denial", 1, db);
        try (MitmProxy proxy = new MitmProxy(service.url)) {
            proxy.rewrite = (path, answer) -> {
                if (path.endsWith("/authorizations")) {
                    answer.putArray("denied");
                    answer.putArray("authorized").add("1");
                }
                return answer;
            };

            LedgerCli.Run run = ledger.via(proxy.url()).run(migrate("mitm-denial", db));

            assertThat(run.exit()).as(run.output()).isEqualTo(ExitCodes.DENIED);
            assertThat(run.output()).contains("no signed authorization").contains("nothing applied");
        }
        assertThat(exists(db, "a")).isFalse();
        assertThat(state("mitm-denial").get("applied")).isEmpty();
    }

    @Test
    void aProxyForgingTheAuthorizationWithItsOwnKeyGetsNothingApplied() throws Exception {
        TestPostgres.Database db = TestPostgres.freshDatabase("e2e_gate_mitm_key");
        write("V1__a.sql", A);
        LedgerCli ledger = planned("mitm-key", 1, db);
        LogSigningKey forger = LogSigningKey.generate("migration-ledger.local/log");
        try (MitmProxy proxy = new MitmProxy(service.url)) {
            proxy.rewrite = (path, answer) -> path.endsWith("/keys") ? keysOf(forger) : forged(answer, forger, "mitm-key");

            LedgerCli.Run run = ledger.via(proxy.url()).run(migrate("mitm-key", db, "--ledger-key",
                    home.resolve("ledger-pub.pem").toString()));

            assertThat(run.exit()).as(run.output()).isEqualTo(ExitCodes.DENIED);
            assertThat(run.output()).contains("not signed by the ledger key").contains("nothing applied");
        }
        assertThat(exists(db, "a")).isFalse();
    }

    @Test
    void aProxyReplayingAnEarlierAuthorizationGetsNothingApplied() throws Exception {
        TestPostgres.Database first = TestPostgres.freshDatabase("e2e_gate_replay_a");
        TestPostgres.Database second = TestPostgres.freshDatabase("e2e_gate_replay_b");
        write("V1__a.sql", A);
        planned("mitm-replay", 0, first);
        AtomicReference<ObjectNode> captured = new AtomicReference<>();
        try (MitmProxy proxy = new MitmProxy(service.url)) {
            proxy.rewrite = (path, answer) -> {
                if (!path.endsWith("/authorizations")) {
                    return answer;
                }
                // the first, genuine answer is kept and handed to every later run
                return captured.compareAndSet(null, answer.deepCopy()) ? answer : captured.get().deepCopy();
            };
            LedgerCli.Run genuine = cli(first).via(proxy.url()).run(migrate("mitm-replay", first));
            assertThat(genuine.exit()).as(genuine.output()).isZero();

            LedgerCli.Run replayed = cli(second).via(proxy.url()).run(migrate("mitm-replay", second));

            assertThat(replayed.exit()).as(replayed.output()).isEqualTo(ExitCodes.DENIED);
            assertThat(replayed.output()).contains("for execution " + captured.get().get("executionId").asText())
                    .contains("nothing applied");
        }
        assertThat(exists(second, "a")).isFalse();
    }

    // ---- dry run and verification --------------------------------------------------------------

    @Test
    void aDryRunPrintsWhatTheGateWouldAuthorizeAndDenyAndRecordsNothing() throws Exception {
        TestPostgres.Database db = TestPostgres.freshDatabase("e2e_gate_dry");
        write("V1__a.sql", A);
        write("V2__b.sql", "CREATE TABLE b (id int);\n");
        write("V3__c.sql", "CREATE TABLE c (id int);\n");
        LedgerCli ledger = planned("dry", 1, db);
        approve("dry", "1", A);
        approve("dry", "3", "CREATE TABLE c (id int);\n");
        write("V3__c.sql", "CREATE TABLE c (id int);\nDROP TABLE a;\n");
        int before = storedEvents("dry");

        LedgerCli.Run run = ledger.run(migrate("dry", db, "--dry-run"));

        assertThat(run.exit()).as(run.output()).isEqualTo(ExitCodes.DENIED);
        assertThat(run.output())
                .contains("V1__a.sql " + checksum(A) + " = planned: would be authorized")
                .contains("V2__b.sql " + checksum("CREATE TABLE b (id int);\n") + " = planned: would be denied")
                .contains("NO_APPROVAL")
                .contains("V3__c.sql " + checksum("CREATE TABLE c (id int);\nDROP TABLE a;\n") + " ≠ planned: would be denied")
                .contains("CHECKSUM_NOT_PLANNED").contains("planned with " + checksum("CREATE TABLE c (id int);\n"))
                .contains("dry run: 1 of 3 pending would be authorized, 2 denied; nothing applied or recorded");
        assertThat(storedEvents("dry")).as("a dry run records nothing").isEqualTo(before);
        assertThat(exists(db, "flyway_schema_history")).isFalse();
    }

    @Test
    void ledgerVerifyProvesTheApplyRanUnderTheSignedAuthorizationInItsReceipt() throws Exception {
        TestPostgres.Database db = TestPostgres.freshDatabase("e2e_gate_verify");
        write("V1__a.sql", A);
        LedgerCli ledger = planned("verified", 0, db);
        assertThat(ledger.run(migrate("verified", db)).exit()).isZero();
        Path receipt = dir.resolve("receipt.json");
        Path kept = dir.resolve("checkpoint.txt");
        // the auditor's own tools: the receipt and a checkpoint saved by the CLI (exit 1 until the leaf is logged)
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            LedgerCli.Run saved = ledger.run("receipt", "--project", "verified", "--env", "dev", "--version", "1",
                    "--out", receipt.toString());
            assertThat(saved.exit()).as(saved.output()).isZero();
            assertThat(saved.output()).contains("saved the receipt of 1 in dev to " + receipt);
        });
        LedgerCli.Run checkpoint = ledger.run("checkpoint", "--out", kept.toString());
        assertThat(checkpoint.exit()).as(checkpoint.output()).isZero();
        assertThat(ledger.run("receipt", "--project", "verified", "--env", "dve", "--version", "1").exit())
                .as("a typo in the environment").isEqualTo(2);

        LedgerCli.Run verify = ledger.run("verify", receipt.toString(), "--key", home.resolve("ledger-pub.pem").toString(),
                "--script", dir.resolve("V1__a.sql").toString());

        assertThat(verify.exit()).as(verify.output()).isZero();
        assertThat(verify.output()).contains("PROVEN").contains("PASS signed authorization signature")
                .contains("PASS the apply names the included signed authorization")
                .contains("PASS signed authorization unexpired when the apply started");

        write("V2__b.sql", "CREATE TABLE b (id int);\n");
        assertThat(ledger.run("plan", "--project", "verified", "--dir", dir.toString()).exit()).isZero();
        LedgerCli.Run grew = ledger.run("verify-log", "--checkpoint", kept.toString(), "--url", service.url,
                "--key", home.resolve("ledger-pub.pem").toString());
        assertThat(grew.exit()).as("the kept checkpoint is a note verify-log accepts: " + grew.output()).isZero();
    }

    /** {@code GET /keys} as a forger would answer it: its own key is the current one. */
    private static ObjectNode keysOf(LogSigningKey key) {
        ObjectNode keys = LedgerJson.MAPPER.createObjectNode().put("current", key.publicKey().keyIdHex());
        keys.putArray("keys").addObject().put("keyName", key.name()).put("keyId", key.publicKey().keyIdHex())
                .put("publicKey", key.publicKey().toPem());
        return keys;
    }

    /** The denial turned into an authorization of V1 (the file as it is), with an envelope signed by {@code key}. */
    private ObjectNode forged(ObjectNode answer, LogSigningKey key, String project) {
        Instant now = Instant.now();
        AuthorizationGrant grant = new AuthorizationGrant(project, "dev", answer.get("executionId").asText(),
                List.of(new AuthorizedMigration("1", checksum(A))), null, "ci-bot", now, now.plusSeconds(600));
        answer.putArray("denied");
        answer.putArray("authorized").add("1");
        answer.set("envelope", LedgerJson.MAPPER.valueToTree(SignedAuthorization.sign(grant, key)));
        return answer;
    }
}
