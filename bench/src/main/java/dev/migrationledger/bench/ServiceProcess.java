package dev.migrationledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real service ({@code query-api/target/query-api.jar}) as a child process on a free port and a fresh
 * database, started the way the executor's end-to-end tests start it. Its heap is fixed ({@link #HEAP})
 * because the peak RSS we report depends on it.
 */
final class ServiceProcess implements AutoCloseable {

    static final String HEAP = "-Xmx512m";

    private final Process process;
    final LedgerClient client;
    final String adminToken;

    private ServiceProcess(Process process, LedgerClient client, String adminToken) {
        this.process = process;
        this.client = client;
        this.adminToken = adminToken;
    }

    /** @param jfr where to write a flight recording (dumped at exit), or null for none */
    static ServiceProcess start(Path jar, BenchPostgres.Database db, Path home, Path log, Path jfr) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of("java", HEAP));
        if (jfr != null) {
            command.add("-XX:StartFlightRecording=filename=" + jfr + ",dumponexit=true,settings=default");
        }
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port,
                "--spring.datasource.url=" + db.url(), "--spring.datasource.username=" + db.user(),
                "--spring.datasource.password=" + db.password(), "--ledger.home=" + home));
        Files.createDirectories(home);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        LedgerClient client = new LedgerClient("http://127.0.0.1:" + port);
        Path tokenFile = home.resolve("admin.token");
        Instant deadline = Instant.now().plusSeconds(180);
        while (!Files.exists(tokenFile) || !healthy(client)) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                process.destroyForcibly();
                throw new IllegalStateException("the service did not start; see " + log);
            }
            Thread.sleep(250);
        }
        return new ServiceProcess(process, client, Files.readString(tokenFile).strip());
    }

    private static boolean healthy(LedgerClient client) {
        try {
            return client.send("GET", "/actuator/health", null, null).status() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A fresh token with the given role, as a pipeline or an auditor would hold. */
    String token(String principal, String role) throws Exception {
        return client.api("POST", "/tokens", adminToken,
                "{\"principal\":\"" + principal + "\",\"roles\":[\"" + role + "\"]}").get("token").asText();
    }

    /** Lag per processor from {@code /actuator/health}; -1 where not a number yet (an unclaimed segment). */
    JsonNode processors() throws Exception {
        return client.call("GET", "/actuator/health", null, null).path("components").path("processors").path("details");
    }

    /** Waits until every processor has caught up with the head of the event store. */
    void awaitProjections(long timeoutSeconds) throws Exception {
        Instant deadline = Instant.now().plusSeconds(timeoutSeconds);
        while (!caughtUp(processors())) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("projections still lag after " + timeoutSeconds + " s: " + processors());
            }
            Thread.sleep(100);
        }
    }

    static boolean caughtUp(JsonNode processors) {
        boolean any = false;
        for (var field : (Iterable<java.util.Map.Entry<String, JsonNode>>) processors::fields) {
            if (field.getValue().isObject()) {
                JsonNode lag = field.getValue().path("lag");
                if (!lag.isNumber() || lag.asLong() != 0) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    /** Peak resident set size so far (VmHWM), in MiB; Linux only, -1 elsewhere. */
    double peakRssMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        // A flight recording is written at exit: give the JVM time to dump it.
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
