package dev.migrationledger.executor.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationledger.executor.client.LedgerJson;
import dev.migrationledger.ledger.testing.ServiceLauncher;
import dev.migrationledger.ledger.testing.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The real service ({@code query-api/target/query-api.jar}) as a child process on a free port, on a fresh database of
 * the test PostgreSQL or, with {@link #embedded}, on its own embedded default under {@code --ledger.home}.
 */
final class LedgerService implements AutoCloseable {

    static final Path JAR = Path.of("../query-api/target/query-api.jar").toAbsolutePath().normalize();
    static final Path LOG = Path.of("target/e2e-service.log").toAbsolutePath();

    private final ServiceLauncher launched;
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
        launched = new ServiceLauncher(JAR, home, db == null ? null
                : new ServiceLauncher.Datasource(db.url(), db.user(), db.password()), LOG, List.of(), List.of(settings));
        url = launched.url();
        adminToken = launched.adminToken();
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

    @Override
    public void close() {
        launched.close();
    }
}
