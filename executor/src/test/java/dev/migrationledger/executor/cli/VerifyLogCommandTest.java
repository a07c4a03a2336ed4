package dev.migrationledger.executor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.migrationledger.ledger.integrity.Checkpoint;
import dev.migrationledger.ledger.integrity.InMemoryLeafHashes;
import dev.migrationledger.ledger.integrity.LogSigningKey;
import dev.migrationledger.ledger.integrity.MerkleTree;
import dev.migrationledger.ledger.integrity.SignedNote;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ledger verify-log} against a stand-in service that serves checkpoints and consistency proofs. */
class VerifyLogCommandTest {

    static final String ORIGIN = "migration-ledger.local/log";

    @TempDir
    Path dir;

    final LogSigningKey key = LogSigningKey.generate(ORIGIN);
    final List<byte[]> leaves = new ArrayList<>();
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    HttpServer server;
    InMemoryLeafHashes served;
    Path publicKey;

    @BeforeEach
    void service() throws IOException {
        publicKey = Files.writeString(dir.resolve("ledger-pub.pem"), key.publicKey().toPem());
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/log/checkpoint", exchange -> {
            long size = served.size();
            String note = SignedNote.sign(new Checkpoint(ORIGIN, size, MerkleTree.root(served, size)).body(), key).serialize();
            respond(exchange, "{\"note\":" + quote(note) + ",\"treeSize\":" + size + "}");
        });
        server.createContext("/api/v1/log/proof/consistency", exchange -> {
            String[] query = exchange.getRequestURI().getQuery().split("[=&]");
            var proof = MerkleTree.consistencyProof(served, Long.parseLong(query[1]), Long.parseLong(query[3]));
            respond(exchange, "{\"hashes\":[" + proof.hashes().stream().map(h -> quote(Base64.getEncoder().encodeToString(h)))
                    .collect(Collectors.joining(",")) + "]}");
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private void grow(int count, String tag) {
        for (int i = 0; i < count; i++) {
            leaves.add((tag + leaves.size()).getBytes(StandardCharsets.UTF_8));
        }
        served = InMemoryLeafHashes.ofLeaves(leaves);
    }

    private Path keep() throws IOException {
        String note = SignedNote.sign(new Checkpoint(ORIGIN, served.size(), MerkleTree.root(served, served.size())).body(), key).serialize();
        return Files.writeString(dir.resolve("old.txt"), note);
    }

    private int run(String... args) {
        CommandLine commandLine = LedgerCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void aLogThatOnlyGrewIsConsistent() throws IOException {
        grow(7, "a");
        Path old = keep();
        grow(10, "b");
        assertThat(run("verify-log", "--checkpoint", old.toString(), "--url", url(), "--key", publicKey.toString()))
                .as(out + "" + err).isEqualTo(0);
        assertThat(out.toString()).startsWith("PROVEN").contains("7 → 17");
    }

    @Test
    void aRewrittenHistoryIsNotProven() throws IOException {
        grow(7, "a");
        Path old = keep();
        leaves.set(3, "rewritten".getBytes(StandardCharsets.UTF_8));
        grow(5, "b");
        assertThat(run("verify-log", "--checkpoint", old.toString(), "--url", url(), "--key", publicKey.toString())).isEqualTo(1);
        assertThat(out.toString()).startsWith("NOT PROVEN").contains("FAIL consistency proof");
    }

    @Test
    void anUnreachableLedgerExitsFive() throws IOException {
        grow(3, "a");
        Path old = keep();
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertThat(run("verify-log", "--checkpoint", old.toString(), "--url", "http://127.0.0.1:" + closedPort,
                "--key", publicKey.toString())).isEqualTo(5);
    }
}
