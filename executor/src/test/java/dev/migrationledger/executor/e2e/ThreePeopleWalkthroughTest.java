package dev.migrationledger.executor.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationledger.executor.exit.ExitCodes;
import dev.migrationledger.executor.client.LedgerJson;
import dev.migrationledger.ledger.domain.Checksum;
import dev.migrationledger.ledger.testing.DashboardPage;
import dev.migrationledger.ledger.testing.TestPostgres;
import dev.migrationledger.ledger.testing.WebhookReceiver;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17's "done when": three people (and CI, a DBA and an auditor) take one migration to prod on the service's
 * embedded default, and every step that concerns someone reaches a local webhook receiver, signed. The service is
 * the built jar with no database configured; the targets are databases of the test PostgreSQL.
 */
class ThreePeopleWalkthroughTest {

    private static final String SECRET = "whsec-walkthrough-0123456789";
    private static final String V1 = """
            -- [KFM_MIGRATION]
            -- owner: alice
            -- ticket: OPS-17
            -- [/KFM_MIGRATION]
            CREATE TABLE invoice (id bigint PRIMARY KEY, amount numeric NOT NULL);
            """;

    @TempDir
    Path home;

    @TempDir
    Path work;

    @Test
    void ciIsDeniedInProdUntilTwoOthersApproveAndABackupRestoresThenAHotfixIsReviewedAndAnAuditorVerifies()
            throws Exception {
        assumeTrue(Files.isRegularFile(LedgerService.JAR), LedgerService.JAR
                + " not built (./mvnw -pl ledger-core,query-api -am package -DskipTests): the walkthrough is skipped");
        TestPostgres.Database dev = TestPostgres.freshDatabase("walk_dev");
        TestPostgres.Database prod = TestPostgres.freshDatabase("walk_prod");
        TestPostgres.Database scratch = TestPostgres.freshDatabase("walk_scratch");
        Path migrations = Files.createDirectories(work.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__create_invoice.sql"), V1);
        String sum = Checksum.ofScript(V1.getBytes(StandardCharsets.UTF_8)).hex();

        try (WebhookReceiver receiver = new WebhookReceiver(SECRET).start();
             LedgerService service = LedgerService.embedded(home, "--ledger.notifications.poll-interval=PT0.1S",
                     "--ledger.notifications.first-retry=PT0.2S", "--ledger.notifications.max-retry=PT1S",
                     "--ledger.notifications.review-check-interval=PT0.5S")) {
            assertThat(Files.isDirectory(home.resolve("pgdata"))).as("the embedded PostgreSQL keeps its data in LEDGER_HOME")
                    .isTrue();
            // the admin: people and their roles, the project, a webhook for everything
            String ci = token(service, "ci-bot", "ci");
            String alice = token(service, "alice", "approver");
            String bob = token(service, "bob", "approver");
            String carol = token(service, "carol", "approver");
            String dana = token(service, "dana-dba", "approver");
            String audrey = token(service, "audrey", "auditor");
            service.call("POST", "/projects", service.adminToken, """
                    {"id":"billing-db","environments":[
                      {"name":"dev","policy":{"backupRequiredFor":[]}},
                      {"name":"prod","policy":{"requiredApprovals":2,"backupRequiredFor":["ADDITIVE","DESTRUCTIVE"],
                                               "backupVerification":"restored","reviewWithin":"PT3S"}}]}""");
            service.call("POST", "/projects/billing-db/webhooks", service.adminToken, "{\"url\":\"" + receiver.url()
                    + "\",\"events\":[\"approval.needed\",\"authorization.denied\",\"migration.failed\",\"drift.detected\","
                    + "\"fact.unauthorized\",\"review.overdue\"],\"secret\":\"" + SECRET + "\"}");

            // CI plans (uploading the script) and applies to dev; prod denies it
            LedgerCli pipeline = new LedgerCli(service.url, ci);
            LedgerCli.Run plan = pipeline.run("plan", "--project", "billing-db", "--dir", migrations.toString());
            assertThat(plan.exit()).as(plan.output()).isZero();
            LedgerCli.Run toDev = pipeline.with("LEDGER_DB_PASSWORD", dev.password()).run(migrate(migrations, "dev", dev));
            assertThat(toDev.exit()).as(toDev.output()).isZero();
            LedgerCli.Run denied = pipeline.with("LEDGER_DB_PASSWORD", prod.password()).run(migrate(migrations, "prod", prod));
            assertThat(denied.exit()).as(denied.output()).isEqualTo(ExitCodes.DENIED);
            assertThat(denied.output()).contains("NO_APPROVAL").contains("NO_BACKUP");
            assertThat(tableExists(prod, "invoice")).isFalse();

            // alice wrote it: her own approval is refused
            LedgerCli.Run own = new LedgerCli(service.url, alice).run("approve", "--project", "billing-db", "--version", "1",
                    "--env", "prod");
            assertThat(own.exit()).as(own.output()).isEqualTo(ExitCodes.DENIED);
            assertThat(own.output()).contains("SELF_APPROVAL");

            // bob opens the dashboard, reads the script with its lint findings and presses Approve
            bobApprovesInTheDashboard(service, bob, sum);

            // carol approves with the CLI, which shows her the checksum and the script's head first
            LedgerCli.Run second = new LedgerCli(service.url, carol).run("approve", "--project", "billing-db", "--version", "1",
                    "--env", "prod", "--comment", "read it; additive");
            assertThat(second.exit()).as(second.output()).isZero();
            assertThat(second.output()).contains(sum).contains("CREATE TABLE invoice");

            // the DBA dumps prod for real and has the ledger restore-test the dump
            Path dump = work.resolve("prod.dump");
            pgDump(prod, dump);
            LedgerCli.Run backup = new LedgerCli(service.url, dana).with("LEDGER_DB_PASSWORD", scratch.password())
                    .run("backup", "verify", "--project", "billing-db", "--env", "prod", "--dump", dump.toString(),
                            "--scratch-db", scratch.url(), "--db-user", scratch.user());
            assertThat(backup.exit()).as(backup.output()).isZero();

            // now CI gets through
            LedgerCli.Run toProd = pipeline.with("LEDGER_DB_PASSWORD", prod.password()).run(migrate(migrations, "prod", prod));
            assertThat(toProd.exit()).as(toProd.output()).isZero();
            assertThat(tableExists(prod, "invoice")).isTrue();
            JsonNode prodState = service.call("GET", "/projects/billing-db/environments/prod/state", audrey, null);
            assertThat(prodState.path("currentVersion").asText()).isEqualTo("1");
            assertThat(prodState.path("applied").get(0).path("violations")).isEmpty();

            // the auditor saves the prod receipt and a checkpoint to keep
            LedgerCli auditor = new LedgerCli(service.url, audrey);
            Path receipt = work.resolve("receipt-prod-1.json");
            Path kept = work.resolve("kept-checkpoint.txt");
            LedgerCli.Run saved = auditor.run("receipt", "--project", "billing-db", "--env", "prod", "--version", "1",
                    "--out", receipt.toString());
            assertThat(saved.exit()).as(saved.output()).isZero();
            LedgerCli.Run checkpoint = auditor.run("checkpoint", "--out", kept.toString());
            assertThat(checkpoint.exit()).as(checkpoint.output()).isZero();

            // a hotfix outside the gate: run by hand in prod, then recorded; it opens a review
            try (Connection c = prod.connect()) {
                c.createStatement().execute("CREATE INDEX invoice_amount_hotfix ON invoice (amount)");
            }
            String hotfixSum = Checksum.ofScript("CREATE INDEX invoice_amount_hotfix ON invoice (amount);\n"
                    .getBytes(StandardCharsets.UTF_8)).hex();
            Instant ranAt = Instant.now();
            service.call("POST", "/projects/billing-db/environments/prod/executions", ci, "{\"facts\":[{\"executionId\":"
                    + "\"hotfix-2\",\"version\":\"2\",\"checksum\":\"" + hotfixSum + "\",\"status\":\"APPLIED\",\"startedAt\":\""
                    + ranAt + "\",\"finishedAt\":\"" + ranAt + "\",\"tool\":\"ledger\"}]}");
            // no one reviewed it within reviewWithin (3 s stands in for the default three days): review.overdue
            await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.ofType("review.overdue").isEmpty());
            LedgerCli.Run review = new LedgerCli(service.url, carol).run("review", "--project", "billing-db", "--id",
                    "hotfix-2", "--comment", "index added by hand during the incident OPS-18; checked", "--json");
            assertThat(review.exit()).as(review.output()).isZero();
            JsonNode closed = service.call("GET", "/projects/billing-db/reviews?state=closed", audrey, null)
                    .path("reviews").get(0);
            assertThat(closed.path("reviewId").asText()).isEqualTo("hotfix-2");
            assertThat(closed.path("reviewedBy").asText()).isEqualTo("carol");
            assertThat(Instant.parse(closed.path("reviewedAt").asText())).isAfter(Instant.parse(closed.path("dueAt").asText()));

            // the auditor verifies offline, and that the log only grew since the checkpoint kept
            Path key = home.resolve("ledger-pub.pem");
            LedgerCli.Run verified = auditor.run("verify", receipt.toString(), "--key", key.toString(), "--script",
                    migrations.resolve("V1__create_invoice.sql").toString());
            assertThat(verified.exit()).as(verified.output()).isZero();
            assertThat(verified.output()).contains("PROVEN");
            JsonNode statement = statementOf(receipt);
            assertThat(statement.path("predicate").path("plannedBy").asText()).isEqualTo("alice");
            assertThat(statement.path("predicate").path("approvals").findValuesAsText("approver"))
                    .containsExactlyInAnyOrder("bob", "carol");
            LedgerCli.Run grew = auditor.run("verify-log", "--checkpoint", kept.toString(), "--key", key.toString());
            assertThat(grew.exit()).as(grew.output()).isZero();

            // everyone heard about it, signed
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received.stream()
                    .map(WebhookReceiver.Received::event).distinct().count() >= 4);
            assertThat(receiver.received).allMatch(WebhookReceiver.Received::signatureValid);
            List<JsonNode> needed = bodies(receiver, "approval.needed");
            assertThat(needed).hasSize(1);
            assertThat(needed.get(0).path("environment").asText()).as("dev needs no approval").isEqualTo("prod");
            assertThat(bodies(receiver, "authorization.denied")).extracting(n -> n.path("environment").asText())
                    .containsOnly("prod").isNotEmpty();
            assertThat(bodies(receiver, "fact.unauthorized")).extracting(n -> n.path("version").asText())
                    .containsExactly("2");
            List<JsonNode> overdue = bodies(receiver, "review.overdue");
            assertThat(overdue).hasSize(1);
            assertThat(overdue.get(0).path("event").path("reviewId").asText()).isEqualTo("hotfix-2");
            assertThat(receiver.countsByDelivery().values()).allMatch(n -> n == 1);
        }
    }

    private static String token(LedgerService service, String principal, String role) throws Exception {
        return service.call("POST", "/tokens", service.adminToken, "{\"principal\":\"" + principal + "\",\"roles\":[\""
                + role + "\"]}").get("token").asText();
    }

    private static String[] migrate(Path migrations, String environment, TestPostgres.Database db) {
        return new String[]{"migrate", "--project", "billing-db", "--env", environment, "--dir", migrations.toString(),
                "--db", db.url(), "--db-user", db.user()};
    }

    private static boolean tableExists(TestPostgres.Database db, String table) throws Exception {
        try (Connection c = db.connect(); ResultSet rs = c.createStatement()
                .executeQuery("SELECT to_regclass('public." + table + "') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** The machine's pg_dump, custom format, as a DBA takes a backup. */
    private static void pgDump(TestPostgres.Database db, Path file) throws Exception {
        URI server = URI.create(db.url().substring("jdbc:".length()));
        ProcessBuilder dump = new ProcessBuilder("pg_dump", "--format=custom", "--file=" + file, "--host=" + server.getHost(),
                "--port=" + server.getPort(), "--username=" + db.user(), "--dbname=" + db.name()).redirectErrorStream(true);
        dump.environment().put("PGPASSWORD", db.password() == null ? "" : db.password());
        Process process = dump.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    private static JsonNode statementOf(Path receipt) throws Exception {
        JsonNode file = LedgerJson.MAPPER.readTree(Files.readString(receipt));
        return LedgerJson.MAPPER.readTree(java.util.Base64.getDecoder().decode(file.path("envelope").path("payload").asText()));
    }

    private static List<JsonNode> bodies(WebhookReceiver receiver, String type) {
        return receiver.ofType(type).stream().map(r -> {
            try {
                return LedgerJson.MAPPER.readTree(r.body());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
    }

    /**
     * Bob's part in Debian's headless Chromium (CI installs it); where no Chromium is installed the same approval
     * goes through the HTTP call the Approve button makes, so the rest of the walk still runs.
     */
    private static void bobApprovesInTheDashboard(LedgerService service, String bob, String sum) throws Exception {
        if (!DashboardPage.chromiumInstalled()) {
            System.out.println("walkthrough: no /usr/bin/chromium; bob approves over HTTP instead of in the dashboard");
            JsonNode script = service.call("GET", "/projects/billing-db/migrations/1/script", bob, null);
            assertThat(script.path("text").asText()).contains("CREATE TABLE invoice");
            service.call("POST", "/projects/billing-db/migrations/1/approvals", bob,
                    "{\"checksum\":\"" + script.path("checksum").asText() + "\",\"environment\":\"prod\"}");
            return;
        }
        try (DashboardPage page = DashboardPage.chromium(service.url)) {
            page.open().loginAs(bob, "bob").selectProject("billing-db");
            assertThat(page.pendingText("1", "prod")).contains("alice").contains("0 of 2 approvals");
            assertThat(page.script("1", "prod")).contains("CREATE TABLE invoice");
            // the button names the checksum it binds the approval to
            assertThat(page.pendingText("1", "prod")).contains("Approve " + sum.substring(0, 12));
            page.approve("1", "prod").waitForApprovals("1", "prod", "1 of 2 approvals");
            page.screenshot("walkthrough-bob-approved");
        }
    }
}
