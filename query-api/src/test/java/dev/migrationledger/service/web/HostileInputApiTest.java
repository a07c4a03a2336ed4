package dev.migrationledger.service.web;

import dev.migrationledger.service.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ten thousand malformed and hostile writes (seeded, see {@link HostileRequests}) against every write
 * endpoint, each with a token of the role that may call it: no 5xx, no stack trace, every error an
 * RFC 9457 problem, and nothing recorded — not one event, not one token.
 */
class HostileInputApiTest extends LedgerIntegrationTest {

    private static final int REQUESTS = Integer.getInteger("reliability.hostile-requests", 10_000);
    private static final long SEED = Long.getLong("reliability.seed", 20260501L);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void hostileWritesAreRefusedCleanlyAndRecordNothing() throws Exception {
        Api admin = Api.admin(port, currentHome);
        assertThat(admin.post("/api/v1/projects", Map.of("id", HostileRequests.PROJECT, "environments",
                List.of(Map.of("name", "dev"), Map.of("name", "prod")))).status()).isEqualTo(201);
        Map<String, String> tokens = Map.of("admin", admin.token(), "ci", admin.as("ci-bot", "ci").token(),
                "approver", admin.as("bob", "approver").token());
        assertThat(tokens.get("ci")).isNotNull();
        Api ci = admin.withToken(tokens.get("ci"));
        assertThat(ci.post("/api/v1/projects/target/migrations", Map.of("migrations", List.of(Map.of("version", "1",
                "checksum", HostileRequests.CHECKSUM, "changeClass", "ADDITIVE", "author", "alice")))).status()).isEqualTo(200);
        long events = count("domain_event_entry");
        long apiTokens = count("api_token");

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HostileRequests generator = new HostileRequests(SEED);
        Map<String, Integer> byStatus = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            HostileRequests.Hostile hostile = generator.next();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + hostile.path()))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + tokens.get(hostile.role()))
                    .method(hostile.method(), hostile.body() == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(hostile.body()));
            if (hostile.body() != null) {
                request.header("Content-Type", hostile.contentType());
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            byStatus.merge(response.statusCode() + " " + hostile.kind(), 1, Integer::sum);
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            String problem = CleanRefusal.violation(response.statusCode(), contentType, response.body());
            if (problem != null && failures.size() < 20) {
                failures.add("#" + i + " " + problem + ": " + hostile.kind() + " " + hostile.method() + " " + hostile.path()
                        + " → " + response.statusCode() + " " + abbreviate(response.body()));
            }
        }
        System.out.println("hostile-input: " + REQUESTS + " requests (seed " + SEED + ") by status and kind: " + byStatus);

        assertThat(failures).isEmpty();
        assertThat(count("domain_event_entry")).as("events recorded by hostile requests").isEqualTo(events);
        assertThat(count("api_token")).as("tokens created by hostile requests").isEqualTo(apiTokens);
    }

    private long count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
    }

    private static String abbreviate(String body) {
        return body.length() <= 300 ? body : body.substring(0, 300) + "…";
    }
}
