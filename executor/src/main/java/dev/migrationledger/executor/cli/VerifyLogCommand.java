package dev.migrationledger.executor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationledger.executor.client.LedgerJson;
import dev.migrationledger.executor.exit.ExitCodes;
import dev.migrationledger.ledger.integrity.Checkpoint;
import dev.migrationledger.ledger.integrity.ConsistencyProof;
import dev.migrationledger.ledger.integrity.LogPublicKey;
import dev.migrationledger.ledger.integrity.SignedNote;
import dev.migrationledger.ledger.integrity.Verdict;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ledger verify-log}: proves the log only grew since a checkpoint the auditor kept (SPEC §6,
 * Consistency), by fetching the current checkpoint and an RFC 9162 consistency proof. Both checkpoints
 * must be signed by one of the given keys (several, across a key rotation).
 */
@Command(name = "verify-log", mixinStandardHelpOptions = true,
        description = {
                "Prove that the ledger's log only grew since a checkpoint you kept.",
                "Exit codes: 0 consistent, 1 not proven, 2 usage error, 5 ledger unreachable."})
public final class VerifyLogCommand implements Callable<Integer> {

    private static final int ATTEMPTS = 3;

    @Spec
    CommandSpec spec;

    @Option(names = "--checkpoint", required = true, paramLabel = "OLD.txt",
            description = "A signed checkpoint kept earlier (the 'note' of GET /api/v1/log/checkpoint).")
    Path checkpoint;

    @Option(names = "--url", required = true, defaultValue = "${env:LEDGER_URL}", description = "The ledger service. Env: LEDGER_URL.")
    String url;

    @Option(names = "--token", defaultValue = "${env:LEDGER_TOKEN}", description = "A bearer token of any role. Env: LEDGER_TOKEN.")
    String token;

    @Option(names = "--key", required = true, paramLabel = "PUB.pem",
            description = "The log's public key; repeat it to accept keys retired by a rotation.")
    List<Path> keys;

    @Option(names = "--key-name", defaultValue = "migration-ledger.local/log", description = "The keys' name (the log origin).")
    String keyName;

    // Made when the command runs, not when picocli builds every command for `ledger --help`: an HTTP client
    // brings up TLS, and with JSON they were 1,443 of the 2,820 classes `ledger --help` loaded.
    private HttpClient http;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        SignedNote old;
        List<LogPublicKey> publicKeys = new ArrayList<>();
        try {
            String kept = Files.readString(checkpoint, StandardCharsets.UTF_8);
            old = SignedNote.parse(kept.stripLeading().startsWith("{") ? LedgerJson.MAPPER.readTree(kept).path("note").asText() : kept);
            for (Path key : keys) {
                publicKeys.add(LogPublicKey.fromPem(keyName, Files.readString(key, StandardCharsets.US_ASCII)));
            }
        } catch (IOException | IllegalArgumentException e) {
            err.println("ledger verify-log: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        List<Verdict.Check> checks = new ArrayList<>();
        try {
            Checkpoint before = Checkpoint.parse(old.text());
            checks.add(new Verdict.Check("kept checkpoint signature", signedByAny(old, publicKeys), "size " + before.treeSize()));
            SignedNote current = SignedNote.parse(get("/api/v1/log/checkpoint").path("note").asText());
            Checkpoint now = Checkpoint.parse(current.text());
            checks.add(new Verdict.Check("current checkpoint signature", signedByAny(current, publicKeys), "size " + now.treeSize()));
            checks.add(new Verdict.Check("same log", before.origin().equals(now.origin()), before.origin() + " vs " + now.origin()));
            checks.add(new Verdict.Check("the log did not shrink", now.treeSize() >= before.treeSize(),
                    before.treeSize() + " → " + now.treeSize()));
            if (now.treeSize() >= before.treeSize()) {
                checks.add(consistency(before, now));
            }
        } catch (Unreachable e) {
            err.println("ledger verify-log: the ledger is unreachable: " + e.getMessage());
            return ExitCodes.UNREACHABLE;
        } catch (IOException | IllegalArgumentException e) {
            checks.add(new Verdict.Check("the service's answers are readable", false, e.getMessage()));
        }
        Verdict verdict = new Verdict(checks.stream().allMatch(Verdict.Check::passed), checks);
        PrintWriter out = spec.commandLine().getOut();
        out.print(verdict.render());
        out.flush();
        return verdict.proven() ? ExitCodes.SUCCESS : ExitCodes.CHECK_FAILED;
    }

    private Verdict.Check consistency(Checkpoint before, Checkpoint now) throws IOException, InterruptedException {
        String name = "consistency proof " + before.treeSize() + " → " + now.treeSize();
        if (before.treeSize() == now.treeSize()) {
            return new Verdict.Check(name, Arrays.equals(before.rootHash(), now.rootHash()), "same size, same root");
        }
        JsonNode proof = get("/api/v1/log/proof/consistency?from=" + before.treeSize() + "&to=" + now.treeSize());
        List<byte[]> hashes = new ArrayList<>();
        proof.path("hashes").forEach(h -> hashes.add(Base64.getDecoder().decode(h.asText())));
        boolean valid = ConsistencyProof.verify(before.treeSize(), now.treeSize(), hashes, before.rootHash(), now.rootHash());
        return new Verdict.Check(name, valid, valid ? "the log only grew" : "the log was rewritten");
    }

    private static boolean signedByAny(SignedNote note, List<LogPublicKey> keys) {
        return keys.stream().anyMatch(note::verify);
    }

    /** GET with a few retries: a restart of the service is not an inconsistency. */
    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + path))
                .timeout(Duration.ofSeconds(30)).header("Accept", "application/json");
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token.strip());
        }
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        }
        IOException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() >= 500) {
                    last = new IOException("HTTP " + response.statusCode() + " from " + path);
                } else if (response.statusCode() != 200) {
                    throw new IllegalArgumentException("HTTP " + response.statusCode() + " from " + path + ": " + response.body());
                } else {
                    return LedgerJson.MAPPER.readTree(response.body());
                }
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(500L * attempt);
        }
        throw new Unreachable(last);
    }

    private static final class Unreachable extends IOException {
        Unreachable(IOException cause) {
            super(cause == null ? "no answer" : String.valueOf(cause.getMessage() == null ? cause : cause.getMessage()), cause);
        }
    }
}
