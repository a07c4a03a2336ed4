package dev.migrationledger.executor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationledger.ledger.domain.Checksum;
import dev.migrationledger.ledger.integrity.Checkpoint;
import dev.migrationledger.ledger.integrity.InMemoryLeafHashes;
import dev.migrationledger.ledger.integrity.LeafFields;
import dev.migrationledger.ledger.integrity.LogSigningKey;
import dev.migrationledger.ledger.integrity.MerkleTree;
import dev.migrationledger.ledger.integrity.Receipt;
import dev.migrationledger.ledger.integrity.ReceiptIssuer;
import dev.migrationledger.ledger.integrity.ReceiptPredicate;
import dev.migrationledger.ledger.integrity.SignedNote;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ledger verify} on receipt files made by the ledger's own classes, as the service makes them. */
class VerifyCommandTest {

    static final String ORIGIN = "ledger.test/log";
    static final byte[] SCRIPT = "CREATE TABLE t (id int);\n".getBytes(StandardCharsets.UTF_8);
    static final String CHECKSUM = Checksum.ofScript(SCRIPT).hex();

    @TempDir
    Path dir;

    final LogSigningKey key = LogSigningKey.generate(ORIGIN);
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    Path receipt;
    Path publicKey;

    @BeforeEach
    void files() throws IOException {
        receipt = Files.write(dir.resolve("r.json"), receipt(key).toJson());
        publicKey = Files.writeString(dir.resolve("ledger-pub.pem"), key.publicKey().toPem());
    }

    private int run(String... args) {
        CommandLine commandLine = LedgerCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void aGenuineReceiptIsProvenOfflineAndExitsZero() throws IOException {
        Path script = Files.write(dir.resolve("V1__create_t.sql"), SCRIPT);
        assertThat(run("verify", receipt.toString(), "--key", publicKey.toString(), "--script", script.toString()))
                .as(out + "" + err).isEqualTo(0);
        assertThat(out.toString()).startsWith("PROVEN").contains("PASS DSSE signature", "PASS script checksum matches the subject");
    }

    @Test
    void aReceiptWithOneChangedByteIsNotProvenAndExitsOne() throws IOException {
        byte[] bytes = Files.readAllBytes(receipt);
        String text = new String(bytes, StandardCharsets.UTF_8).replace("\"actor\":\"bob\"", "\"actor\":\"bOb\"");
        Files.writeString(receipt, text);
        assertThat(run("verify", receipt.toString(), "--key", publicKey.toString())).isEqualTo(1);
        assertThat(out.toString()).startsWith("NOT PROVEN").contains("FAIL");
    }

    @Test
    void anotherScriptOrAnotherKeyIsNotProven() throws IOException {
        Path script = Files.writeString(dir.resolve("V1__create_t.sql"), "DROP TABLE t;");
        assertThat(run("verify", receipt.toString(), "--key", publicKey.toString(), "--script", script.toString())).isEqualTo(1);
        Path other = Files.writeString(dir.resolve("other.pem"), LogSigningKey.generate(ORIGIN).publicKey().toPem());
        assertThat(run("verify", receipt.toString(), "--key", other.toString())).isEqualTo(1);
    }

    @Test
    void unreadableInputExitsTwo() throws IOException {
        Files.writeString(receipt, "not json");
        assertThat(run("verify", receipt.toString(), "--key", publicKey.toString())).isEqualTo(2);
        assertThat(run("verify", dir.resolve("missing.json").toString(), "--key", publicKey.toString())).isEqualTo(2);
        Path badKey = Files.writeString(dir.resolve("bad.pem"), "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
        Files.write(receipt, receipt(key).toJson());
        assertThat(run("verify", receipt.toString(), "--key", badKey.toString())).isEqualTo(2);
    }

    @Test
    void manyReceiptsAreVerifiedInOneRunWithASummary() throws IOException {
        Path second = Files.write(dir.resolve("r2.json"), receipt(key).toJson());
        Path tampered = Files.writeString(dir.resolve("r3.json"), Files.readString(receipt)
                .replace("\"actor\":\"bob\"", "\"actor\":\"bOb\""));

        assertThat(run("verify", receipt.toString(), second.toString(), "--key", publicKey.toString()))
                .as(out + "" + err).isEqualTo(0);
        assertThat(out.toString()).contains(receipt + ": PROVEN", second + ": PROVEN",
                "2 receipts: 2 proven, 0 not proven, 0 unreadable");

        out.getBuffer().setLength(0);
        assertThat(run("verify", receipt.toString(), tampered.toString(), second.toString(), "--key", publicKey.toString()))
                .isEqualTo(1);
        assertThat(out.toString()).contains(tampered + ": NOT PROVEN", "3 receipts: 2 proven, 1 not proven, 0 unreadable");
    }

    @Test
    void anUnreadableReceiptAmongManyExitsTwoAfterTheOthersAreVerified() throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.json"), "not json");

        assertThat(run("verify", broken.toString(), receipt.toString(), "--key", publicKey.toString())).isEqualTo(2);
        assertThat(out.toString()).contains(receipt + ": PROVEN", "2 receipts: 1 proven, 0 not proven, 1 unreadable");
        assertThat(err.toString()).contains(broken.toString());
    }

    @Test
    void aScriptNamesOneReceipt() throws IOException {
        Path script = Files.write(dir.resolve("V1__create_t.sql"), SCRIPT);
        assertThat(run("verify", receipt.toString(), receipt.toString(), "--key", publicKey.toString(),
                "--script", script.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--script names one script");
    }

    /** A log of five events whose leaves 1..4 are a migration's plan, approval, authorization and apply. */
    static Receipt receipt(LogSigningKey key) {
        List<byte[]> leaves = new ArrayList<>();
        List<Receipt.Event> events = new ArrayList<>();
        String[][] log = {
                {"ProjectRegistered", "{\"project\":\"db\"}"},
                {"MigrationPlanned", "{\"migration\":{\"version\":\"1\",\"author\":\"alice\",\"checksum\":\"" + CHECKSUM + "\"}}"},
                {"MigrationApproved", "{\"actor\":\"bob\",\"checksum\":\"" + CHECKSUM + "\"}"},
                {"ExecutionAuthorized", "{\"executionId\":\"run-1\"}"},
                {"MigrationApplied", "{\"executionId\":\"run-1/1\",\"authorizationId\":\"run-1\",\"checksum\":\"" + CHECKSUM + "\"}"},
        };
        for (int i = 0; i < log.length; i++) {
            byte[] payload = log[i][1].getBytes(StandardCharsets.UTF_8);
            byte[] metadata = "{}".getBytes(StandardCharsets.UTF_8);
            // global indexes start at 1 and skip values, as PostgreSQL sequences do
            byte[] leaf = LeafFields.of(ORIGIN, 1 + 2L * i, "e" + i, "db", i, "dev.migrationledger.ledger.api." + log[i][0],
                    null, payload, metadata, "2026-05-01T10:00:0" + i + "Z").encode();
            leaves.add(leaf);
            if (i > 0) {
                events.add(Receipt.Event.of(i, leaf, payload, metadata, log[i][0]));
            }
        }
        InMemoryLeafHashes tree = InMemoryLeafHashes.ofLeaves(leaves);
        SignedNote checkpoint = SignedNote.sign(new Checkpoint(ORIGIN, leaves.size(), MerkleTree.root(tree, leaves.size())).body(), key);
        Instant t = Instant.parse("2026-05-01T10:00:00Z");
        ReceiptPredicate predicate = new ReceiptPredicate("db", "prod", "1", "create t", CHECKSUM, "alice",
                List.of(new ReceiptPredicate.Approval("bob", t, CHECKSUM, "prod", 2)), null,
                new ReceiptPredicate.Authorization("run-1", "ci", t, 3),
                new ReceiptPredicate.Execution("run-1/1", t, t, "APPLIED", null), "abc", null, "ledger", List.of(), null);
        return new ReceiptIssuer(key).issue("V1__create_t.sql", predicate, events, tree, checkpoint);
    }
}
