package dev.migrationledger.service.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationledger.service.LedgerIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refusals at the HTTP edge, sent as a client would and byte for byte (see {@link RawHttp}): Spring
 * Security's firewall, form and multipart bodies on JSON endpoints, bad percent-encoding, control
 * characters in names, headers and paths, oversized headers, unknown charsets, HTTP versions and codings.
 * Each is a 4xx problem and records nothing; none reaches the generic 500 handler.
 */
class HttpEdgeApiTest extends LedgerIntegrationTest {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    static Map<String, String> tokens;

    @BeforeEach
    void setUp() {
        if (tokens == null) {
            Api admin = Api.admin(port, currentHome);
            assertThat(admin.post("/api/v1/projects", Map.of("id", "target", "environments",
                    List.of(Map.of("name", "dev"))))
                    .status()).isEqualTo(201);
            tokens = Map.of("admin", admin.token(), "ci", admin.as("ci-bot", "ci").token(),
                    "approver", admin.as("bob", "approver").token());
        }
    }

    /** The reproducer: {@code curl -d '{"id":"\u0001"}'} sends the JSON as a form, with a control character in a parameter name. */
    @ParameterizedTest(name = "form body with a control character in a parameter name to {0}")
    @CsvSource({
            "/api/v1/tokens, admin",
            "/api/v1/projects, admin",
            "/api/v1/projects/target/environments/dev/authorizations, ci",
            "/api/v1/projects/target/migrations/1/approvals, approver",
            "/api/v1/projects/target/environments/dev/backups, approver",
    })
    void aFormBodyWithAControlCharacterInAParameterNameIs400(String path, String role) throws Exception {
        long events = count("domain_event_entry");
        long apiTokens = count("api_token");
        for (String body : List.of("{\"id\":\"\u0001\"}", "%01=1", "x\u001Fy=z&backupId=b-1")) {
            RawHttp.Response response = send("POST", path, role, Map.of("Content-Type", FORM),
                    body.getBytes(StandardCharsets.UTF_8));
            assertCleanRefusal(response, 400);
            JsonNode problem = JSON.readTree(response.body());
            assertThat(problem.path("reasons").findValuesAsText("code")).containsExactly("INVALID_INPUT");
            assertThat(problem.path("detail").asText()).contains("parameter").contains("application/json");
        }
        assertThat(count("domain_event_entry")).as("events recorded").isEqualTo(events);
        assertThat(count("api_token")).as("tokens created").isEqualTo(apiTokens);
    }

    @Test
    void formBodiesWithoutForbiddenCharactersAreUnsupportedMediaTypes() {
        assertCleanRefusal(send("POST", "/api/v1/projects", "admin", Map.of("Content-Type", FORM),
                bytes("id=x&environments=dev")), 415);
        // a PUT's form body used to be parsed by a filter before any handler: bad percent-encoding was a 500
        assertCleanRefusal(send("PUT", "/api/v1/projects/target/environments/dev/policy", "admin",
                Map.of("Content-Type", FORM), bytes("a=%zz&%=%%")), 415);
    }

    @Test
    void multipartBodiesAreUnsupportedMediaTypesEvenWhenMalformed() {
        // without a boundary the multipart resolver used to fail before the handler: a 500
        assertCleanRefusal(send("POST", "/api/v1/projects", "admin", Map.of("Content-Type", "multipart/form-data"),
                bytes("garbage")), 415);
        assertCleanRefusal(send("POST", "/api/v1/projects", "admin",
                Map.of("Content-Type", "multipart/form-data; boundary=x"),
                bytes("--x\r\nContent-Disposition: form-data; name=\"id\"\r\n\r\nfresh\r\n--x--\r\n")), 415);
    }

    @Test
    void controlCharactersInHeadersAreProblemsSayingSo() throws Exception {
        // a C1 character passes Tomcat (obs-text) and is refused by the firewall when MVC reads the header
        RawHttp.Response key = send("POST", "/api/v1/projects/target/migrations/1/approvals", "approver",
                Map.of("Content-Type", "application/json", "Idempotency-Key", "key\u0085one"), bytes("{\"checksum\":\"" + "a".repeat(64) + "\"}"));
        assertCleanRefusal(key, 400);
        assertThat(JSON.readTree(key.body()).path("detail").asText()).contains("header");
        // read by the bearer-token filter, inside the security chain: the firewall's own handler answers
        RawHttp.Response auth = new RawHttp(port, 10_000).send(RawHttp.request("GET", "/api/v1/projects",
                Map.of("Authorization", "Bearer \u0085"), null));
        assertCleanRefusal(auth, 400);
        assertThat(JSON.readTree(auth.body()).path("detail").asText()).contains("header");
        // a C0 character is refused by Tomcat itself, through the error report valve
        assertCleanRefusal(send("GET", "/api/v1/projects", "admin", Map.of("X-Trace", "a\u0001b"), null), 400);
    }

    @Test
    void pathsWithBadPercentEncodingOrControlCharactersAreProblems() {
        for (String path : List.of("/api/v1/projects/%zz", "/api/v1/projects/a%00b", "/api/v1/projects/%e9",
                "/api/v1/projects/a\u0001b", "/api/v1/projects/a%2Fb", "/api/v1/projects/..%2F..")) {
            RawHttp.Response response = send("GET", path, "admin", Map.of(), null);
            assertThat(response.status()).as(path).isBetween(400, 499);
            assertThat(CleanRefusal.violation(response.status(), response.header("Content-Type"), response.body()))
                    .as(path).isNull();
        }
    }

    @Test
    void oversizedHeadersAndRequestLinesAreProblemsFromTheValve() {
        assertCleanRefusal(send("GET", "/api/v1/projects", "admin", Map.of("X-Big", "a".repeat(20_000)), null), 400);
        assertCleanRefusal(send("GET", "/api/v1/projects/" + "p".repeat(20_000), "admin", Map.of(), null), 400);
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i < 200; i++) {
            many.put("X-Header-" + i, "v");
        }
        assertCleanRefusal(send("GET", "/api/v1/projects", "admin", many, null), 400);
    }

    @Test
    void unknownMethodsVersionsAndCodingsAre4xxNot5xx() {
        RawHttp.Response method = send("FOO", "/api/v1/projects", "admin", Map.of(), null);
        assertCleanRefusal(method, 405);
        assertThat(method.header("Allow")).contains("GET").contains("POST");
        // Tomcat calls these 505 and 501; they are the client's request, so the valve answers 400
        RawHttp http = new RawHttp(port, 10_000);
        assertCleanRefusal(http.send("GET /api/v1/projects HTTP/9.9\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)), 400);
        assertCleanRefusal(http.send(("POST /api/v1/projects HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n"
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1)), 400);
    }

    @Test
    void unknownCharsetsAndUnparseableContentTypesAre415() {
        for (String type : List.of("application/json; charset=foo", "application/json; charset=", ";;;",
                "application/json; charset=\"utf-8")) {
            assertCleanRefusal(send("POST", "/api/v1/projects", "admin", Map.of("Content-Type", type),
                    bytes("{\"id\":\"x\",\"environments\":[{\"name\":\"dev\"}]}")), 415);
        }
        // a known charset that does not match the bytes: the JSON is unreadable, a 400
        RawHttp.Response utf16 = send("POST", "/api/v1/projects", "admin", Map.of("Content-Type", "application/json; charset=utf-16"),
                bytes("{\"id\":\"x\"}"));
        assertThat(utf16.status()).isBetween(400, 415);
        assertThat(CleanRefusal.violation(utf16.status(), utf16.header("Content-Type"), utf16.body())).isNull();
    }

    // found by HttpFuzzProcessIT: /error asked for directly was a 500, and / for a non-HTML client a bare 406
    @Test
    void theErrorPathAndTheDashboardAnswerEveryClientWithAProblem() {
        assertCleanRefusal(send("GET", "/error", "admin", Map.of(), null), 404);
        assertCleanRefusal(send("PATCH", "/error?%01=%", "none", Map.of(), null), 404);
        RawHttp.Response dashboard = send("GET", "/", "none", Map.of("Accept", "application/json"), null);
        assertCleanRefusal(dashboard, 406);
        assertThat(dashboard.body()).contains("Accept");
    }

    // found by HttpFuzzProcessIT's long run: a NUL in a query parameter reached PostgreSQL, which refused it: a 500
    @Test
    void aNulInAQueryParameterIsInvalidInput() {
        for (String path : List.of("/api/v1/reports/compliance?project=%00", "/api/v1/reports/compliance?project=a%00b&environment=dev",
                "/api/v1/projects/target/environments/dev/state?at=%00", "/api/v1/projects/target/drift?from=%00&to=dev")) {
            RawHttp.Response response = send("GET", path, "admin", Map.of(), null);
            assertThat(response.status()).as(path).isBetween(400, 404);
            assertThat(CleanRefusal.violation(response.status(), response.header("Content-Type"), response.body()))
                    .as(path).isNull();
        }
    }

    private RawHttp.Response send(String method, String path, String role, Map<String, String> headers, byte[] body) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        if (!role.equals("none")) {
            all.put("Authorization", "Bearer " + tokens.get(role));
        }
        return new RawHttp(port, 10_000).send(RawHttp.request(method, path, all, body));
    }

    private static void assertCleanRefusal(RawHttp.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(CleanRefusal.violation(response.status(), response.header("Content-Type"), response.body()))
                .as(response.body()).isNull();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private long count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
    }
}
