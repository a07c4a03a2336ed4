package dev.migrationledger.ledger.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service ({@code query-api/target/query-api.jar}) as a child process on a free port, started the
 * way a user starts it: on a given database, or with none configured so that it runs its embedded default in
 * {@code home}. Ready once it has written its admin token and answers {@code /actuator/health}. Plain Java, so
 * the executor's end-to-end tests and the bench (a main program) start the service the same way.
 */
public final class ServiceLauncher implements AutoCloseable {

    /** The ledger's database as the service is given it; null fields are never passed. */
    public record Datasource(String url, String user, String password) {
    }

    private static final Duration START = Duration.ofSeconds(180);

    private final Process process;
    private final String url;
    private final String adminToken;
    private final HttpClient http = HttpClient.newHttpClient();

    /**
     * @param datasource the ledger's database, or null for the embedded default (a database configured in this
     *                   JVM's environment is then withheld from the child: it would take the default's place)
     * @param jvmOptions options before {@code -jar}, e.g. a heap size or a flight recording
     * @param settings   more {@code --name=value} arguments for the service
     */
    public ServiceLauncher(Path jar, Path home, Datasource datasource, Path log, List<String> jvmOptions,
                           List<String> settings) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        url = "http://127.0.0.1:" + port;
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port, "--ledger.home=" + home));
        if (datasource != null) {
            command.addAll(List.of("--spring.datasource.url=" + datasource.url(),
                    "--spring.datasource.username=" + datasource.user(),
                    "--spring.datasource.password=" + datasource.password()));
        }
        command.addAll(settings);
        Files.createDirectories(home);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        if (datasource == null) {
            builder.environment().keySet().removeIf(name -> name.equals("LEDGER_DB_URL") || name.startsWith("SPRING_DATASOURCE"));
        }
        process = builder.start();
        Path tokenFile = home.resolve("admin.token");
        Instant deadline = Instant.now().plus(START);
        while (!Files.exists(tokenFile) || !healthy()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited during start-up; see " + log);
            }
            if (Instant.now().isAfter(deadline)) {
                process.destroyForcibly();
                throw new IllegalStateException("the service did not start within " + START.toSeconds() + " s; see " + log);
            }
            Thread.sleep(250);
        }
        adminToken = Files.readString(tokenFile).strip();
    }

    private boolean healthy() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url + "/actuator/health")).timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code http://127.0.0.1:PORT}, without {@code /api/v1}. */
    public String url() {
        return url;
    }

    /** The token the service wrote to {@code home/admin.token} at its first start. */
    public String adminToken() {
        return adminToken;
    }

    public long pid() {
        return process.pid();
    }

    /** Stops the service and waits for it: an embedded PostgreSQL stops with it, a flight recording is dumped. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
