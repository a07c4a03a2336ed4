package dev.migrationledger.executor.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationledger.executor.client.LedgerJson;
import dev.migrationledger.ledger.testing.TestPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.core.ConditionTimeoutException;

import static org.awaitility.Awaitility.await;

/**
 * The real service ({@code query-api/target/query-api.jar}) as a child process on a free port, on a fresh database of
 * the test PostgreSQL or, with {@link #embedded}, on its own embedded default under {@code --ledger.home}.
 */
final class LedgerService implements AutoCloseable {

    static final Path JAR = Path.of("../query-api/target/query-api.jar").toAbsolutePath().normalize();
    static final Path LOG = Path.of("target/e2e-service.log").toAbsolutePath();

    private final Process process;
    final String url;
    final String adminToken;
    private final HttpClient http = HttpClient.newHttpClient();

    /** @param settings more {@code --name=value} arguments for the service, e.g. {@code ledger.oidc.*} */
    LedgerService(Path home, String... settings) throws Exception {
        this(home, TestPostgres.freshDatabase("e2e_ledger"), settings);
    }

    /** The service as a user first starts it: no database configured, so it runs the embedded PostgreSQL in {@code home}. */
    static LedgerService embedded(Path home, String... settings) throws Exception {
        return new LedgerService(home, null, settings);
    }

    private LedgerService(Path home, TestPostgres.Database db, String... settings) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        url = "http://127.0.0.1:" + port;
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("java", "-jar", JAR.toString(),
                "--server.port=" + port, "--ledger.home=" + home));
        if (db != null) {
            command.addAll(java.util.List.of("--spring.datasource.url=" + db.url(), "--spring.datasource.username=" + db.user(),
                    "--spring.datasource.password=" + db.password()));
        }
        command.addAll(java.util.List.of(settings));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(LOG.toFile());
        if (db == null) {
            // a database configured in the test's environment would take the place of the embedded default
            builder.environment().keySet().removeIf(name -> name.equals("LEDGER_DB_URL") || name.startsWith("SPRING_DATASOURCE"));
        }
        process = builder.start();
        Path tokenFile = home.resolve("admin.token");
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the service exited during start-up; see " + LOG);
                }
                return Files.exists(tokenFile) && healthy();
            });
        } catch (ConditionTimeoutException e) {
            process.destroy();
            throw new IllegalStateException("the service did not start within 120 s; see " + LOG, e);
        }
        adminToken = Files.readString(tokenFile).strip();
    }

    private boolean healthy() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** The service for a test class, or the class skipped, saying so, when the jar is not built. */
    static LedgerService startOrSkip(Path home, String skipped) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(JAR), JAR
                + " not built (./mvnw -pl query-api package): " + skipped + " skipped");
        return new LedgerService(home);
    }

    JsonNode call(String method, String path, String token, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/v1" + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Ledger-Consistency", "head")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " → " + response.statusCode() + " " + response.body());
        }
        return LedgerJson.MAPPER.readTree(response.body().isBlank() ? "{}" : response.body());
    }

    /** A token with the ci role, as a pipeline would hold. */
    String ciToken() throws Exception {
        return call("POST", "/tokens", adminToken, "{\"principal\":\"ci-bot\",\"roles\":[\"ci\"]}").get("token").asText();
    }

    /** A single environment; a sole environment is also the last one, so waive its default backup rule. */
    void registerProject(String project) throws Exception {
        call("POST", "/projects", adminToken, "{\"id\":\"" + project + "\",\"environments\":[{\"name\":\"dev\","
                + "\"policy\":{\"backupRequiredFor\":[]}}]}");
    }

    /** Stops the service and waits for it, so an embedded PostgreSQL it runs is shut down with it. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
