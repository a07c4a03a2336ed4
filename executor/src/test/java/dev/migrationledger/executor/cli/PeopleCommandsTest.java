package dev.migrationledger.executor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrationledger.executor.client.FakeLedger;
import dev.migrationledger.executor.client.LedgerJson;
import dev.migrationledger.executor.exit.ExitCodes;
import java.io.PrintWriter;
import java.util.List;
import java.io.StringWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** ledger pending, approve, revoke, correct and backup record against a fake ledger: what is sent, shown, exited. */
class PeopleCommandsTest {

    private static final String CHECKSUM = "ab".repeat(32);

    private final FakeLedger ledger = new FakeLedger();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    PeopleCommandsTest() throws java.io.IOException {
    }

    @AfterEach
    void stop() {
        ledger.close();
    }

    private int run(String... args) {
        return runAs("t", args);
    }

    private int runAs(String token, String... args) {
        CommandLine commandLine = LedgerCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 6];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(new String[] {"--url", ledger.url(), "--token", token, "--retries", "1"}, 0, all, args.length, 6);
        return commandLine.execute(all);
    }

    private void planned(String version, String text) {
        ObjectNode view = LedgerJson.MAPPER.createObjectNode().put("version", version).put("checksum", CHECKSUM)
                .put("stored", true).put("text", text);
        view.putArray("findings").addObject().put("ruleId", "ML004-index-concurrently").put("severity", "WARNING")
                .put("line", 2).put("message", "CREATE INDEX without CONCURRENTLY");
        ledger.scriptViews.put(version, view);
    }

    @Test
    void twoApproversOfTheSameChecksumAreTwoApprovalsAndARetryIsTheSameOne() {
        planned("1", "CREATE TABLE t (id int);\n");

        assertThat(runAs("bobs-token", "approve", "--project", "billing", "--version", "1", "--env", "prod")).isZero();
        assertThat(runAs("bobs-token", "approve", "--project", "billing", "--version", "1", "--env", "prod")).isZero();
        assertThat(runAs("carols-token", "approve", "--project", "billing", "--version", "1", "--env", "prod")).isZero();

        List<String> keys = ledger.requestsTo("/migrations/1/approvals").stream().map(FakeLedger.Request::idempotencyKey).toList();
        assertThat(keys).hasSize(3).allMatch(k -> k.startsWith("approval-"));
        assertThat(keys.get(1)).isEqualTo(keys.get(0));
        assertThat(keys.get(2)).isNotEqualTo(keys.get(0)).doesNotContain("carols-token");
    }

    @Test
    void approveShowsTheChecksumAndTheScriptsHeadAndApprovesExactlyThatChecksum() {
        planned("1", "CREATE TABLE t (id int);\nCREATE INDEX t_id ON t (id);\n");

        assertThat(run("approve", "--project", "billing", "--version", "1", "--env", "prod")).as(err.toString()).isZero();

        assertThat(out.toString()).contains("checksum " + CHECKSUM).contains("   1 | CREATE TABLE t (id int);")
                .contains("lint WARNING ML004-index-concurrently line 2").contains("approved 1 checksum " + CHECKSUM)
                .contains("ledger revoke --project billing --version 1 --approval ap-1");
        FakeLedger.Request approval = ledger.requestsTo("/migrations/1/approvals").get(0);
        assertThat(approval.body().get("checksum").asText()).isEqualTo(CHECKSUM);
        assertThat(approval.body().get("environment").asText()).isEqualTo("prod");
        assertThat(approval.idempotencyKey()).as("a retried approval is a replay").isNotBlank();
    }

    @Test
    void aChecksumOtherThanThePlannedOneApprovesNothing() {
        planned("1", "SELECT 1;\n");

        assertThat(run("approve", "--project", "billing", "--version", "1", "--checksum", "cd".repeat(32)))
                .isEqualTo(ExitCodes.CHECK_FAILED);

        assertThat(err.toString()).contains("is planned with checksum " + CHECKSUM).contains("Nothing was approved");
        assertThat(ledger.requestsTo("/approvals")).isEmpty();
    }

    @Test
    void theAuthorsOwnApprovalIsDeniedByPolicy() {
        planned("1", "SELECT 1;\n");
        ledger.approvalStatus = 422;
        ledger.approvalBody = "{\"title\":\"Rejected by policy\",\"status\":422,\"reasons\":[{\"code\":\"SELF_APPROVAL\","
                + "\"message\":\"alice authored or planned 1 and cannot approve it; another principal must\"}]}";

        assertThat(run("approve", "--project", "billing", "--version", "1")).isEqualTo(ExitCodes.DENIED);
        assertThat(err.toString()).contains("SELF_APPROVAL").contains("another principal must");
    }

    @Test
    void pendingShowsApprovalsNOfMAndEachReasonOnItsOwnLine() {
        ledger.pendingBody = """
                {"project":"billing","pending":[{"version":"2","environment":"prod","description":"drop legacy",
                 "author":"alice","approvals":1,"requiredApprovals":2,"backupRequired":true,"ready":false,
                 "blockedBy":[{"code":"NO_APPROVAL","message":"version 2 has 1 of 2 required approvals"},
                              {"code":"NO_BACKUP","message":"DESTRUCTIVE migration 2 needs a verified\\nbackup"}]}]}""";

        assertThat(run("pending", "--project", "billing")).as(err.toString()).isZero();

        assertThat(out.toString()).containsPattern("2\\s+prod\\s+1 of 2\\s+missing\\s+alice\\s+drop legacy")
                .contains("    NO_APPROVAL: version 2 has 1 of 2 required approvals\n")
                .contains("    NO_BACKUP: DESTRUCTIVE migration 2 needs a verified backup\n");
        out.getBuffer().setLength(0);
        assertThat(run("pending", "--project", "billing", "--json")).isZero();
        assertThat(out.toString()).contains("\"requiredApprovals\" : 2");
    }

    @Test
    void backupRecordSendsTheDeclaredBackup() {
        assertThat(run("backup", "record", "--project", "billing", "--env", "prod", "--backup-id", "b-77",
                "--location", "s3://backups/b-77", "--taken-at", "2026-05-01T09:00:00Z", "--json")).as(err.toString()).isZero();

        FakeLedger.Request backup = ledger.requestsTo("/environments/prod/backups").get(0);
        assertThat(backup.body().get("takenAt").asText()).isEqualTo("2026-05-01T09:00:00Z");
        assertThat(backup.body().get("restoreTested").asBoolean()).isFalse();
        assertThat(backup.idempotencyKey()).isEqualTo("b-77");
        assertThat(out.toString()).contains("\"backupId\"");
        assertThat(run("backup")).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void aRefusalNamesTheCommandAsTypedAndPrintsNoAnswer() {
        ledger.refusedTokens.add("expired");

        assertThat(runAs("expired", "backup", "record", "--project", "billing", "--env", "prod", "--backup-id", "b-78",
                "--location", "s3://backups/b-78")).isNotZero();

        assertThat(err.toString()).startsWith("ledger backup record: ").contains("Jwt expired");
        assertThat(out.toString()).isEmpty();
        assertThat(run("backup", "record", "--project", "billing", "--env", "prod", "--backup-id", "b-78",
                "--location", "s3://backups/b-78", "--taken-at", "2026-05-01T09:00:00Z")).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo("recorded backup b-78 of prod taken 2026-05-01T09:00:00Z (declared)\n");
    }

    @Test
    void revokeAndCorrectCallTheirEndpoints() {
        assertThat(run("revoke", "--project", "billing", "--version", "1", "--approval", "ap-1", "--reason", "read again"))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains("revoked approval ap-1 of 1");
        assertThat(ledger.requestsTo("/migrations/1/approvals/ap-1").get(0).method()).isEqualTo("DELETE");
        assertThat(run("correct", "--project", "billing", "--version", "2", "--by", "3", "--reason", "fixed"))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains("2 is superseded by 3");
        assertThat(ledger.requestsTo("/migrations/2/corrections").get(0).body().get("correctedBy").asText()).isEqualTo("3");
    }

    @Test
    void reviewClosesTheEmergencyChangesReview() {
        assertThat(run("review", "--project", "billing", "--id", "hotfix-1", "--comment", "checked against OPS-9"))
                .as(err.toString()).isZero();
        assertThat(ledger.requestsTo("/projects/billing/reviews/hotfix-1").get(0).body().get("comment").asText())
                .isEqualTo("checked against OPS-9");
        assertThat(out.toString()).contains("reviewed hotfix-1 (7 in prod, recorded by ci-bot) as bob");
    }
}
